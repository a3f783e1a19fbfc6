package io.touchpulse.alert.notify;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs webhooks as the <a href="https://www.standardwebhooks.com">Standard Webhooks</a>
 * specification says, so that a receiver can verify them with any of its libraries:
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, with the key given as
 * {@code whsec_<base64>}. Several keys separated by spaces sign with each (the spec's way of
 * rotating a key without downtime).
 */
public final class StandardWebhookSigner {
    static final String PREFIX = "whsec_";
    private static final int MIN_KEY_BYTES = 24;

    private final List<byte[]> keys;

    private StandardWebhookSigner(List<byte[]> keys) {
        this.keys = keys;
    }

    /** @throws IllegalArgumentException for a key that is not base64 or shorter than the spec's 24 bytes (the message never shows the key) */
    public static StandardWebhookSigner of(String secret) {
        List<byte[]> keys = new ArrayList<>();
        for (String part : secret.trim().split("\\s+")) {
            String b64 = part.startsWith(PREFIX) ? part.substring(PREFIX.length()) : part;
            byte[] key;
            try {
                key = Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook signing secret is not whsec_<base64>");
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("webhook signing secret must be at least " + MIN_KEY_BYTES + " bytes (Standard Webhooks)");
            }
            keys.add(key);
        }
        return new StandardWebhookSigner(List.copyOf(keys));
    }

    /** A fresh random 32-byte secret in the {@code whsec_} form. */
    public static String generateSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} value: {@code v1,<sig>} per key, space-separated. */
    public String sign(String id, long timestampSeconds, String body) {
        byte[] content = (id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (byte[] key : keys) {
            out.add("v1," + Base64.getEncoder().encodeToString(hmac(key, content)));
        }
        return String.join(" ", out);
    }

    /** The three headers of a signed request. */
    public Map<String, String> headers(String id, Instant attemptAt, String body) {
        long ts = attemptAt.getEpochSecond();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("webhook-id", id);
        h.put("webhook-timestamp", Long.toString(ts));
        h.put("webhook-signature", sign(id, ts, body));
        return h;
    }

    /**
     * What a receiver does (used by our tests and shown in the README): true when one of the
     * {@code v1} signatures in the header matches, compared in constant time. Checking the
     * timestamp's age and the id's freshness is the receiver's part.
     */
    public static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader) {
        StandardWebhookSigner signer = of(secret);
        byte[] content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        for (String sig : signatureHeader.trim().split(" ")) {
            if (!sig.startsWith("v1,")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(sig.substring(3));
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (byte[] key : signer.keys) {
                if (MessageDigest.isEqual(hmac(key, content), given)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
