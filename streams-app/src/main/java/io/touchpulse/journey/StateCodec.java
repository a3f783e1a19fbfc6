package io.touchpulse.journey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Binary form of a {@link CustomerState}: version byte, risk (double) and segment (UTF) first so they can be peeked,
 * then the rest. A later version must keep reading version 1.
 */
final class StateCodec {
    static final byte VERSION = 1;

    private StateCodec() {}

    static byte[] encode(CustomerState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + 150 * s.recent.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeDouble(s.risk);
            out.writeUTF(s.segment);
            out.writeUTF(s.customerId);
            str(out, s.tier);
            out.writeInt(s.tenureMonths);
            out.writeDouble(s.lifetimeValue);
            out.writeLong(s.updatedAt);
            str(out, s.lastEventId);
            out.writeDouble(s.sentimentSum);
            out.writeDouble(s.sentimentWeight);
            out.writeLong(s.sentimentAt);
            for (int i = 0; i < s.levels.length; i++) {
                out.writeDouble(s.levels[i]);
                out.writeLong(s.levelAt[i]);
            }
            str(out, s.detractorDetail);
            out.writeInt(s.frictionTypes);
            out.writeInt(s.frictionCount);
            out.writeLong(s.churnAt);
            touch(out, s.churnTouch);
            out.writeLong(s.lastOfferAt);
            out.writeLong(s.loyaltyIssueAt);
            out.writeByte(s.recent.size());
            for (Touch t : s.recent) {
                touch(out, t);
            }
            out.writeByte(s.promises.size());
            for (Promise p : s.promises) {
                out.writeUTF(p.what());
                out.writeLong(p.madeAt());
                out.writeLong(p.dueAt());
                out.writeByte(p.status().ordinal());
                out.writeLong(p.settledAt());
                touch(out, p.origin());
                touch(out, p.settledBy());
            }
            out.writeByte(s.cases.size());
            for (OpenCase c : s.cases) {
                out.writeUTF(c.key());
                str(out, c.topic());
                out.writeLong(c.openedAt());
                out.writeLong(c.lastAt());
                str(out, c.lastOutcome());
                out.writeByte((c.complaint() ? 1 : 0) | (c.escalated() ? 2 : 0) | (c.uncoordinated() ? 4 : 0));
                touch(out, c.origin());
            }
            out.writeByte(s.surveys.size());
            for (long t : s.surveys) {
                out.writeLong(t);
            }
            out.writeLong(s.fatigueIssueAt);
            out.writeByte(s.pendingSends.size());
            for (long t : s.pendingSends) {
                out.writeLong(t);
            }
            out.writeByte(s.dissatisfaction.size());
            for (Dissatisfaction d : s.dissatisfaction) {
                out.writeLong(d.ts());
                out.writeUTF(d.touchpoint());
                out.writeUTF(String.join(",", d.reasons()));
            }
            out.writeByte(s.repeatIssues.size());
            for (Marker m : s.repeatIssues) {
                out.writeUTF(m.key());
                out.writeLong(m.ts());
            }
            out.writeByte(s.issues.size());
            for (String id : s.issues) {
                out.writeUTF(id);
            }
            out.writeByte(s.drivers.size());
            for (DriverValue d : s.drivers) {
                out.writeByte(d.driver().ordinal());
                out.writeDouble(d.strength());
                out.writeDouble(d.weight());
                out.writeDouble(d.contribution());
                out.writeUTF(d.detail());
            }
            out.writeInt(s.surveyBudget);
            out.writeLong(s.contactWindowMs);
            out.writeDouble(s.publishedRisk);
            out.writeInt(s.publishedDrivers);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return bytes.toByteArray();
    }

    static CustomerState decode(byte[] bytes) {
        checkVersion(bytes);
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

    static double peekRisk(byte[] bytes) {
        checkVersion(bytes);
        if (bytes.length < 9) {
            throw new IllegalArgumentException("truncated customer state (" + bytes.length + " bytes)");
        }
        long bits = 0;
        for (int i = 1; i < 9; i++) {
            bits = (bits << 8) | (bytes[i] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    static String peekSegment(byte[] bytes) {
        checkVersion(bytes);
        try {
            return new DataInputStream(new ByteArrayInputStream(bytes, 9, Math.max(0, bytes.length - 9))).readUTF();
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated customer state (" + bytes.length + " bytes)", e);
        }
    }

    private static void checkVersion(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty customer state");
        }
        if (bytes[0] != VERSION) {
            throw new IllegalArgumentException("customer state version " + bytes[0] + ", this code reads version " + VERSION);
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

    private static void str(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String str(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void touch(DataOutputStream out, Touch t) throws IOException {
        out.writeBoolean(t != null);
        if (t == null) {
            return;
        }
        out.writeUTF(t.eventId());
        out.writeLong(t.ts());
        out.writeUTF(t.touchpoint());
        out.writeUTF(t.channel());
        out.writeUTF(t.kind());
        str(out, t.direction());
        str(out, t.text());
        str(out, t.topic());
        str(out, t.caseId());
        out.writeInt(t.flags());
        out.writeInt(t.termsHash());
    }

    private static Touch touch(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new Touch(in.readUTF(), in.readLong(), in.readUTF(), in.readUTF(), in.readUTF(), str(in), str(in),
                str(in), str(in), in.readInt(), in.readInt());
    }
}
