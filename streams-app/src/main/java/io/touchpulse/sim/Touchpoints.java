package io.touchpulse.sim;

import java.util.List;

/** The ten touchpoint names, spelled once, so the simulator, its tests and the monitor agree. */
public final class Touchpoints {
    public static final String HOME = "home";
    public static final String SEARCH = "search";
    public static final String PRODUCT = "product";
    public static final String CHECKOUT = "checkout";
    public static final String LOGIN = "login";
    public static final String BILLING = "billing";
    public static final String SUPPORT_CHAT = "support-chat";
    public static final String CALL_CENTER = "call-center";
    public static final String EMAIL = "email";
    public static final String MOBILE_APP = "mobile-app";

    public static final List<String> ALL = List.of(HOME, SEARCH, PRODUCT, CHECKOUT, LOGIN, BILLING,
            SUPPORT_CHAT, CALL_CENTER, EMAIL, MOBILE_APP);

    private Touchpoints() {
    }
}
