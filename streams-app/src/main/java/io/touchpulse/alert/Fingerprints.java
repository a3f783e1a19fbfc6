package io.touchpulse.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Alert identity: one fingerprint per segment × touchpoint × metric, the same on every instance
 * and across restarts, so receivers (PagerDuty dedup_key, Alertmanager) see one incident, not many.
 */
public final class Fingerprints {
    private Fingerprints() {}

    public static String of(String segment, String touchpoint, String metric) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((segment + '\u0000' + touchpoint + '\u0000' + metric).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
