package io.touchpulse.journey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Small shared helpers of the journey rules: time decay, issue ids, dates in texts, contact counts. */
final class Journeys {
    static final long DAY = 86_400_000L;

    private Journeys() {}

    /** {@code level} set at {@code from}, halved every {@code halfLifeMs} until {@code to}; never grows for late events. */
    static double decay(double level, long from, long to, long halfLifeMs) {
        if (level == 0 || from == CustomerState.NEVER || to <= from) {
            return level;
        }
        return level * Math.pow(0.5, (double) (to - from) / halfLifeMs);
    }

    /**
     * Stable issue id: the first 16 hex digits of SHA-256 over {@code customerId|type|key}, so processing the same
     * events again (after a restart, in a replay) gives the same id.
     */
    static String issueId(String customerId, String type, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((customerId + '|' + type + '|' + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM must have it
        }
    }

    /** "2026-11-20" (UTC) for texts. */
    static String day(long ts) {
        return Instant.ofEpochMilli(ts).atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** "by phone" / "by email" / "at the store": how a channel reads in a sentence. */
    static String via(Touch t) {
        return "by " + t.channel();
    }

    /** Interactions per channel within {@code windowMs} before {@code now} (as far as the bounded history reaches). */
    static Map<String, Integer> contactsPerChannel(CustomerState s, long now, long windowMs) {
        Map<String, Integer> out = new TreeMap<>();
        for (Touch t : s.recent) {
            if (t.ts() > now - windowMs && t.ts() <= now) {
                out.merge(t.channel(), 1, Integer::sum);
            }
        }
        return out;
    }

    static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
