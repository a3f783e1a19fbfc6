package io.touchpulse.topology;

/** The key of everything per segment × touchpoint: {@code segment|touchpoint} (names never contain '|'). */
public final class HealthKey {
    private HealthKey() {}

    public static String of(String segment, String touchpoint) {
        return segment + '|' + touchpoint;
    }

    public static String segment(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    public static String touchpoint(String key) {
        return key.substring(key.indexOf('|') + 1);
    }
}
