package io.touchpulse.sim;

import io.touchpulse.schema.InteractionKind;

import java.util.SplittableRandom;

/**
 * Realistic visits on the web site and the mobile app: shopping (home → search → product → checkout), billing
 * (login → invoices), account and app-usage sessions; retries after errors, abandoned carts, and sometimes an
 * angry contact afterwards when something broke. Incident-driven sessions force the flow onto the hurt touchpoint.
 */
final class WebSessions {
    enum Intent { SHOP, BILLING, ACCOUNT, CHECKOUT, SEARCH }

    private static final String[] PRODUCT_PATHS = {"/p/galaxy-s24", "/p/pixel-8", "/p/iphone-15", "/p/wireless-earbuds",
            "/p/usb-c-charger", "/p/5g-hotspot", "/p/mesh-wifi-kit", "/p/smartwatch", "/p/fibre-1000", "/p/sim-only-unlimited",
            "/p/family-bundle", "/p/tablet-10", "/p/soundbar", "/p/phone-case", "/p/power-bank", "/p/4k-tv-55", "/p/nova-x",
            "/p/gaming-headset", "/p/business-mobile", "/p/router-ax"};
    private static final String[] BILLING_PATHS = {"/billing", "/billing/invoices", "/billing/invoice/latest",
            "/billing/payment-methods", "/billing/direct-debit", "/billing/usage"};
    private static final String[] APP_SCREENS = {"app/home", "app/usage", "app/plan", "app/offers", "app/settings",
            "app/orders", "app/support"};
    private static final String[] ACCOUNT_PATHS = {"/", "/account", "/account/plan", "/offers", "/help"};
    private static final String[] CHECKOUT_PATHS = {"/checkout/cart", "/checkout/delivery", "/checkout/payment", "/checkout/confirmation"};
    private static final double[] CHECKOUT_ABANDON = {0.22, 0.10, 0.06, 0.0};

    private final SimContext ctx;
    private final Session s;
    private final SearchSteps searches;
    private final Contacts contacts;

    WebSessions(SimContext ctx, Contacts contacts) {
        this.ctx = ctx;
        this.s = new Session(ctx);
        this.searches = new SearchSteps(ctx, s);
        this.contacts = contacts;
    }

    /** A visit by customer c (-1 = anonymous) starting at t0; {@code forced} = incident-driven intent, else drawn. */
    void visit(long t0, int c, Intent forced) {
        SplittableRandom r = ctx.rng;
        double mobile = c < 0 ? 0.35 : ctx.pop.segment[c].mobileShare;
        s.start(t0, c, r.nextDouble() < mobile);
        Intent intent = forced != null ? forced : draw(c, r);
        switch (intent) {
            case SHOP, CHECKOUT, SEARCH -> shop(intent, r);
            case BILLING -> {
                if ((s.app ? r.nextDouble() < 0.3 : r.nextDouble() < 0.85) && !login(r)) break;
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++)
                    s.visit(Touchpoints.BILLING, s.app ? "app/billing" : BILLING_PATHS[i == 0 ? 0 : r.nextInt(BILLING_PATHS.length)]);
            }
            case ACCOUNT -> {
                if (!login(r)) break;
                int n = 1 + r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (s.app) s.visit(Touchpoints.MOBILE_APP, Dist.pick(r, APP_SCREENS));
                    else s.visit(Touchpoints.HOME, Dist.pick(r, ACCOUNT_PATHS));
                }
            }
        }
        afterwards(r);
    }

    private Intent draw(int c, SplittableRandom r) {
        if (c < 0) return Intent.SHOP;
        double billing = ctx.pop.segment[c] == Segment.SMALL_BUSINESS ? 0.28 : 0.12;
        double u = r.nextDouble();
        if (u < billing) return Intent.BILLING;
        if (u < billing + 0.22) return Intent.ACCOUNT;
        return Intent.SHOP;
    }

    private void shop(Intent intent, SplittableRandom r) {
        boolean found = true;
        if (intent == Intent.SEARCH) {
            if (s.app) s.visit(Touchpoints.MOBILE_APP, "app/home"); else s.visit(Touchpoints.HOME, "/");
            found = searches.run(true, r);
        } else {
            double u = r.nextDouble();
            if (u < 0.55) {
                if (s.app) s.visit(Touchpoints.MOBILE_APP, "app/home"); else s.visit(Touchpoints.HOME, "/");
                if (r.nextDouble() < 0.6) found = searches.run(false, r);
            } else if (u < 0.75) {
                found = searches.run(false, r);
            }
        }
        if (!found && intent != Intent.CHECKOUT) return;
        int products = 1 + (r.nextDouble() < 0.5 ? r.nextInt(4) : 0);
        for (int i = 0; i < products; i++) s.visit(Touchpoints.PRODUCT, Dist.pick(r, PRODUCT_PATHS));
        double buy = intent == Intent.CHECKOUT ? 1.0 : s.customer < 0 ? 0.08 : 0.22;
        if (r.nextDouble() < buy) checkout(r, intent == Intent.CHECKOUT);
    }

    private void checkout(SplittableRandom r, boolean determined) {
        if (s.customer >= 0 && !s.app && r.nextDouble() < 0.4 && !login(r)) return;
        for (int step = 0; step < CHECKOUT_PATHS.length; step++) {
            for (int attempt = 0; ; attempt++) {
                int status = s.request(Touchpoints.CHECKOUT, Touchpoints.CHECKOUT);
                boolean failed = WebBehaviour.failed(status) || status >= 400;
                if (failed) {
                    boolean retry = attempt < 2 && r.nextDouble() < (determined ? 0.55 : 0.45);
                    s.page(Touchpoints.CHECKOUT, CHECKOUT_PATHS[step], status, !retry);
                    if (!retry) return;
                    continue;
                }
                boolean leave = !determined && r.nextDouble() < CHECKOUT_ABANDON[step];
                s.page(Touchpoints.CHECKOUT, CHECKOUT_PATHS[step], status, leave);
                if (leave) return;
                break;
            }
        }
        s.pleased(0.03);
    }

    /** Signs in (web login page or the app's login screen, which incidents on "login" hit too); false = gave up. */
    private boolean login(SplittableRandom r) {
        String tp = s.app ? Touchpoints.MOBILE_APP : Touchpoints.LOGIN;
        String path = s.app ? "app/login" : "/login";
        for (int attempt = 0; attempt < 4; attempt++) {
            int status = s.request(tp, Touchpoints.LOGIN);
            if (status < 400 && status != 0) {
                s.page(tp, path, status, false);
                return true;
            }
            boolean retry = attempt < 3 && r.nextDouble() < (status == 401 ? 0.75 : 0.55);
            s.page(tp, path, status, !retry);
            if (!retry) return false;
        }
        return false;
    }

    /** Sometimes a visitor who hit a problem complains afterwards; much more often when an incident caused it. */
    private void afterwards(SplittableRandom r) {
        if (s.hurtTopic < 0 || s.customer < 0) return;
        if (r.nextDouble() >= (s.hurtIncident != null ? 0.22 : 0.05)) return;
        long at = s.t + (long) Dist.logNormal(r, 420_000, 0.7);
        double u = r.nextDouble();
        TextComposer.Tone tone = u < 0.72 ? TextComposer.Tone.NEGATIVE : u < 0.86 ? TextComposer.Tone.CHURN : TextComposer.Tone.MIXED;
        double k = r.nextDouble();
        InteractionKind kind = k < 0.5 ? InteractionKind.CHAT : k < 0.75 ? InteractionKind.CALL
                : k < 0.9 ? InteractionKind.VERBATIM : InteractionKind.SOCIAL;
        contacts.inbound(at, s.customer, s.hurtTopic, tone, s.hurtIncident, kind);
    }
}
