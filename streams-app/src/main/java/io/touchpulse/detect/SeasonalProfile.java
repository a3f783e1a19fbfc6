package io.touchpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The seasonal part of a baseline in constant memory: one offset per hour of the day (24 buckets)
 * or of the week (168), learned by exponential smoothing, plus per bucket the typical size of the
 * noise (night and day often differ by an order of magnitude). Floats: a profile is a learned
 * estimate, not an exact sum, and halving the state matters for a state store with a key per
 * segment × touchpoint × metric.
 *
 * <p>A bucket is only used for prediction once it has been seen in an earlier period; until then
 * its model behaves exactly like the plain one, which is what lets AUTO compare them fairly.
 */
final class SeasonalProfile {
    static final long HOUR_MS = 3_600_000L;
    /** 1970-01-01 was a Thursday: hours from Monday 00:00 to the epoch. */
    private static final long EPOCH_HOUR_OF_WEEK = 72;

    final float[] offset;
    final float[] noise; // null: the model's global noise serves every bucket
    final byte[] visits; // saturating unsigned counter
    /** False during the first period, while {@link #offset} holds each bucket's running mean of raw values. */
    boolean centred;

    SeasonalProfile(int buckets, boolean withNoise) {
        offset = new float[buckets];
        noise = withNoise ? new float[buckets] : null;
        visits = new byte[buckets];
        if (noise != null) {
            Arrays.fill(noise, Float.NaN);
        }
    }

    int buckets() {
        return offset.length;
    }

    long periodMs() {
        return buckets() * HOUR_MS;
    }

    /** Bucket of a timestamp shifted to local time by {@code offsetMs}. */
    int bucket(long ts, long offsetMs) {
        long hour = Math.floorDiv(ts + offsetMs, HOUR_MS);
        return (int) Math.floorMod(buckets() == 168 ? hour + EPOCH_HOUR_OF_WEEK : hour, (long) buckets());
    }

    int visits(int b) {
        return visits[b] & 0xFF;
    }

    /**
     * Whether bucket {@code b} can be used for prediction: the first period is over (offsets are
     * centred) and the bucket got at least half the visits a period brings (sampling may be uneven).
     */
    boolean qualified(int b, double visitsPerPeriod) {
        return centred && visits(b) >= Math.max(1, visitsPerPeriod / 2);
    }

    /**
     * First period: each bucket keeps the running mean of its raw values (the batch initialisation
     * of Holt-Winters, streamed: once the period is over, {@link #centre} turns them into offsets
     * around their mean).
     */
    void learnRaw(int b, double x) {
        int v = visits(b);
        offset[b] += (float) ((x - offset[b]) / (v + 1));
        if (v < 255) {
            visits[b] = (byte) (v + 1);
        }
    }

    /** Ends the first period: offsets around the mean of the buckets seen, which is returned as the level. */
    double centre() {
        double sum = 0;
        int seen = 0;
        for (int b = 0; b < buckets(); b++) {
            if (visits(b) > 0) {
                sum += offset[b];
                seen++;
            }
        }
        double mean = seen == 0 ? 0 : sum / seen;
        for (int b = 0; b < buckets(); b++) {
            offset[b] = visits(b) > 0 ? (float) (offset[b] - mean) : 0f;
        }
        centred = true;
        return mean;
    }

    /**
     * Learns from the (already winsorised) one-step error of the model: the error-correction form
     * of Holt-Winters, {@code s += gamma (1 - alpha) e}, with a running mean for the first visits.
     */
    void learn(int b, double error, double alphaLevel, double gamma, boolean qualified) {
        int v = visits(b);
        double g = Math.max(gamma, 1.0 / (v + 1));
        offset[b] += (float) (g * (1 - alphaLevel) * error);
        if (noise != null && qualified) {
            double e2 = error * error;
            noise[b] = Float.isNaN(noise[b]) ? (float) e2 : (float) (noise[b] + g * (e2 - noise[b]));
        }
        if (v < 255) {
            visits[b] = (byte) (v + 1);
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeShort(buckets());
        out.writeBoolean(noise != null);
        out.writeBoolean(centred);
        for (int b = 0; b < buckets(); b++) {
            out.writeFloat(offset[b]);
            if (noise != null) {
                out.writeFloat(noise[b]);
            }
            out.writeByte(visits[b]);
        }
    }

    static SeasonalProfile read(DataInput in) throws IOException {
        int buckets = in.readUnsignedShort();
        if (buckets != 24 && buckets != 168) {
            throw new IOException("seasonal profile with " + buckets + " buckets");
        }
        SeasonalProfile p = new SeasonalProfile(buckets, in.readBoolean());
        p.centred = in.readBoolean();
        for (int b = 0; b < buckets; b++) {
            p.offset[b] = in.readFloat();
            if (p.noise != null) {
                p.noise[b] = in.readFloat();
            }
            p.visits[b] = in.readByte();
        }
        return p;
    }
}
