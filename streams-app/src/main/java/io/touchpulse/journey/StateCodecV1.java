package io.touchpulse.journey;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

/**
 * Reads customer states written in version 1 (until 2026-11): {@link java.io.DataOutputStream} fields, every time and
 * number fixed-width, every string in modified UTF-8. Stores and changelogs written by older releases hold them until
 * each customer's state is written again (in {@link StateCodec}'s current version).
 */
final class StateCodecV1 {
    static final byte VERSION = 1;

    private StateCodecV1() {}

    /** @param bytes a state whose first byte is {@link #VERSION} */
    static CustomerState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            double risk = in.readDouble();
            String segment = in.readUTF();
            CustomerState s = new CustomerState(in.readUTF(), segment);
            s.risk = risk;
            s.tier = str(in);
            s.tenureMonths = in.readInt();
            s.lifetimeValue = in.readDouble();
            s.updatedAt = in.readLong();
            s.lastEventId = str(in);
            s.sentimentSum = in.readDouble();
            s.sentimentWeight = in.readDouble();
            s.sentimentAt = in.readLong();
            for (int i = 0; i < s.levels.length; i++) {
                s.levels[i] = in.readDouble();
                s.levelAt[i] = in.readLong();
            }
            s.detractorDetail = str(in);
            s.frictionTypes = in.readInt();
            s.frictionCount = in.readInt();
            s.churnAt = in.readLong();
            s.churnTouch = touch(in);
            s.lastOfferAt = in.readLong();
            s.loyaltyIssueAt = in.readLong();
            for (int i = count(in, CustomerState.MAX_RECENT, "recent events"); i > 0; i--) {
                s.recent.add(touch(in));
            }
            for (int i = count(in, CustomerState.MAX_PROMISES, "promises"); i > 0; i--) {
                s.promises.add(new Promise(in.readUTF(), in.readLong(), in.readLong(), status(in.readUnsignedByte()),
                        in.readLong(), touch(in), touch(in)));
            }
            for (int i = count(in, CustomerState.MAX_CASES, "cases"); i > 0; i--) {
                String key = in.readUTF();
                String topic = str(in);
                long opened = in.readLong();
                long last = in.readLong();
                String outcome = str(in);
                int f = in.readUnsignedByte();
                s.cases.add(new OpenCase(key, topic, opened, last, outcome, (f & 1) != 0, (f & 2) != 0, (f & 4) != 0, touch(in)));
            }
            for (int i = count(in, CustomerState.MAX_SURVEYS, "surveys"); i > 0; i--) {
                s.surveys.add(in.readLong());
            }
            s.fatigueIssueAt = in.readLong();
            for (int i = count(in, CustomerState.MAX_SURVEYS, "pending survey sends"); i > 0; i--) {
                s.pendingSends.add(in.readLong());
            }
            for (int i = count(in, CustomerState.MAX_DISSATISFACTION, "dissatisfied moments"); i > 0; i--) {
                long ts = in.readLong();
                String tp = in.readUTF();
                String reasons = in.readUTF();
                s.dissatisfaction.add(new Dissatisfaction(ts, tp, reasons.isEmpty() ? List.of() : List.of(reasons.split(","))));
            }
            for (int i = count(in, CustomerState.MAX_MARKERS, "repeat markers"); i > 0; i--) {
                s.repeatIssues.add(new Marker(in.readUTF(), in.readLong()));
            }
            for (int i = count(in, CustomerState.MAX_ISSUES, "issue ids"); i > 0; i--) {
                s.issues.add(in.readUTF());
            }
            for (int i = count(in, Driver.values().length, "drivers"); i > 0; i--) {
                int d = in.readUnsignedByte();
                if (d >= Driver.values().length) {
                    throw new IOException("unknown driver " + d);
                }
                s.drivers.add(new DriverValue(Driver.values()[d], in.readDouble(), in.readDouble(), in.readDouble(), in.readUTF()));
            }
            s.surveyBudget = in.readInt();
            s.contactWindowMs = in.readLong();
            s.publishedRisk = in.readDouble();
            s.publishedDrivers = in.readInt();
            if (in.available() > 0) {
                throw new IOException(in.available() + " trailing bytes");
            }
            return s;
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated customer state (" + bytes.length + " bytes)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("corrupt customer state: " + e.getMessage(), e);
        }
    }

    static String peekSegment(byte[] bytes) {
        try {
            return new DataInputStream(new ByteArrayInputStream(bytes, 9, Math.max(0, bytes.length - 9))).readUTF();
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated customer state (" + bytes.length + " bytes)", e);
        }
    }

    private static int count(DataInputStream in, int cap, String what) throws IOException {
        int n = in.readUnsignedByte();
        if (n > cap) {
            throw new IOException(n + " " + what + ", more than the cap of " + cap);
        }
        return n;
    }

    private static Promise.Status status(int ordinal) throws IOException {
        if (ordinal >= Promise.Status.values().length) {
            throw new IOException("unknown promise status " + ordinal);
        }
        return Promise.Status.values()[ordinal];
    }

    private static String str(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static Touch touch(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Touch(in.readUTF(), in.readLong(), in.readUTF(), in.readUTF(), in.readUTF(), str(in), str(in),
                str(in), str(in), in.readInt(), in.readInt());
    }
}
