package io.touchpulse.journey;

import java.util.List;

/**
 * Binary form of a {@link CustomerState}. Byte 0 is the version, bytes 1-8 the risk (a double), then the segment, so
 * {@link #peekRisk} and {@link #peekSegment} can scan a million customers without decoding them.
 * <p>
 * Version 2 (written since 2026-11) is compact ({@link StateBytes}): times as varint deltas from the last update,
 * counts and small numbers as varints, texts in UTF-8, and the labels that repeat across remembered events
 * (touchpoint, channel, kind, direction, topic, case) once per state. A busy customer's state is a third smaller
 * than in version 1 and much cheaper to write, which matters because it is written at every commit that changed it.
 * Version 1 ({@link StateCodecV1}) is still read. A later version must keep reading both.
 */
final class StateCodec {
    static final byte VERSION = 2;

    private StateCodec() {}

    static byte[] encode(CustomerState s) {
        StateBytes.Writer out = StateBytes.Writer.start(s.updatedAt);
        out.write(VERSION);
        out.fixedDouble(s.risk);
        out.string(s.segment);
        out.fixedLong(s.updatedAt);
        out.string(s.customerId);
        out.label(s.tier);
        out.signed(s.tenureMonths);
        out.fixedDouble(s.lifetimeValue);
        out.string(s.lastEventId);
        out.fixedDouble(s.sentimentSum);
        out.fixedDouble(s.sentimentWeight);
        out.time(s.sentimentAt);
        for (int i = 0; i < s.levels.length; i++) {
            out.fixedDouble(s.levels[i]);
            out.time(s.levelAt[i]);
        }
        out.string(s.detractorDetail);
        out.unsigned(s.frictionTypes & 0xFFFFFFFFL);
        out.unsigned(s.frictionCount & 0xFFFFFFFFL);
        out.time(s.churnAt);
        touch(out, s.churnTouch);
        out.time(s.lastOfferAt);
        out.time(s.loyaltyIssueAt);
        out.unsigned(s.recent.size());
        for (Touch t : s.recent) {
            touch(out, t);
        }
        out.unsigned(s.promises.size());
        for (Promise p : s.promises) {
            out.label(p.what());
            out.time(p.madeAt());
            out.time(p.dueAt());
            out.write(p.status().ordinal());
            out.time(p.settledAt());
            touch(out, p.origin());
            touch(out, p.settledBy());
        }
        out.unsigned(s.cases.size());
        for (OpenCase c : s.cases) {
            out.label(c.key());
            out.label(c.topic());
            out.time(c.openedAt());
            out.time(c.lastAt());
            out.label(c.lastOutcome());
            out.write((c.complaint() ? 1 : 0) | (c.escalated() ? 2 : 0) | (c.uncoordinated() ? 4 : 0));
            touch(out, c.origin());
        }
        times(out, s.surveys);
        out.time(s.fatigueIssueAt);
        times(out, s.pendingSends);
        out.unsigned(s.dissatisfaction.size());
        for (Dissatisfaction d : s.dissatisfaction) {
            out.time(d.ts());
            out.label(d.touchpoint());
            out.unsigned(d.reasons().size());
            for (String r : d.reasons()) {
                out.label(r);
            }
        }
        out.unsigned(s.repeatIssues.size());
        for (Marker m : s.repeatIssues) {
            out.label(m.key());
            out.time(m.ts());
        }
        out.unsigned(s.issues.size());
        for (String id : s.issues) {
            out.string(id);
        }
        out.unsigned(s.drivers.size());
        for (DriverValue d : s.drivers) {
            out.write(d.driver().ordinal());
            out.fixedDouble(d.strength());
            out.fixedDouble(d.weight());
            out.fixedDouble(d.contribution());
            out.string(d.detail());
        }
        out.signed(s.surveyBudget);
        out.signed(s.contactWindowMs);
        out.fixedDouble(s.publishedRisk);
        out.unsigned(s.publishedDrivers & 0xFFFFFFFFL);
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not a state of a version this code reads */
    static CustomerState decode(byte[] bytes) {
        if (checkVersion(bytes) == StateCodecV1.VERSION) {
            return StateCodecV1.decode(bytes);
        }
        try {
            StateBytes.Reader in = new StateBytes.Reader(bytes, 1);
            double risk = in.fixedDouble();
            String segment = in.string();
            long updatedAt = in.fixedLong();
            in.base(updatedAt);
            CustomerState s = new CustomerState(in.string(), segment);
            s.risk = risk;
            s.updatedAt = updatedAt;
            s.tier = in.label();
            s.tenureMonths = (int) in.signed();
            s.lifetimeValue = in.fixedDouble();
            s.lastEventId = in.string();
            s.sentimentSum = in.fixedDouble();
            s.sentimentWeight = in.fixedDouble();
            s.sentimentAt = in.time();
            for (int i = 0; i < s.levels.length; i++) {
                s.levels[i] = in.fixedDouble();
                s.levelAt[i] = in.time();
            }
            s.detractorDetail = in.string();
            s.frictionTypes = (int) in.unsigned();
            s.frictionCount = (int) in.unsigned();
            s.churnAt = in.time();
            s.churnTouch = touch(in);
            s.lastOfferAt = in.time();
            s.loyaltyIssueAt = in.time();
            for (int i = in.count(CustomerState.MAX_RECENT, "recent events"); i > 0; i--) {
                s.recent.add(touch(in));
            }
            for (int i = in.count(CustomerState.MAX_PROMISES, "promises"); i > 0; i--) {
                s.promises.add(new Promise(in.label(), in.time(), in.time(), status(in.read()), in.time(), touch(in), touch(in)));
            }
            for (int i = in.count(CustomerState.MAX_CASES, "cases"); i > 0; i--) {
                String key = in.label();
                String topic = in.label();
                long opened = in.time();
                long last = in.time();
                String outcome = in.label();
                int f = in.read();
                s.cases.add(new OpenCase(key, topic, opened, last, outcome, (f & 1) != 0, (f & 2) != 0, (f & 4) != 0, touch(in)));
            }
            times(in, s.surveys, "surveys");
            s.fatigueIssueAt = in.time();
            times(in, s.pendingSends, "pending survey sends");
            for (int i = in.count(CustomerState.MAX_DISSATISFACTION, "dissatisfied moments"); i > 0; i--) {
                long ts = in.time();
                String tp = in.label();
                String[] reasons = new String[in.count(StateBytes.MAX_LABELS, "reasons")];
                for (int r = 0; r < reasons.length; r++) {
                    reasons[r] = in.label();
                }
                s.dissatisfaction.add(new Dissatisfaction(ts, tp, List.of(reasons)));
            }
            for (int i = in.count(CustomerState.MAX_MARKERS, "repeat markers"); i > 0; i--) {
                s.repeatIssues.add(new Marker(in.label(), in.time()));
            }
            for (int i = in.count(CustomerState.MAX_ISSUES, "issue ids"); i > 0; i--) {
                s.issues.add(in.string());
            }
            for (int i = in.count(Driver.values().length, "drivers"); i > 0; i--) {
                int d = in.read();
                if (d >= Driver.values().length) {
                    throw new IllegalArgumentException("unknown driver " + d);
                }
                s.drivers.add(new DriverValue(Driver.values()[d], in.fixedDouble(), in.fixedDouble(), in.fixedDouble(), in.string()));
            }
            s.surveyBudget = (int) in.signed();
            s.contactWindowMs = in.signed();
            s.publishedRisk = in.fixedDouble();
            s.publishedDrivers = (int) in.unsigned();
            if (!in.atEnd()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return s;
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(m.startsWith("truncated") ? m : "corrupt customer state: " + m, e);
        }
    }

    static double peekRisk(byte[] bytes) {
        checkVersion(bytes);
        if (bytes.length < 9) {
            throw new IllegalArgumentException("truncated customer state (" + bytes.length + " bytes)");
        }
        return new StateBytes.Reader(bytes, 1).fixedDouble();
    }

    static String peekSegment(byte[] bytes) {
        if (checkVersion(bytes) == StateCodecV1.VERSION) {
            return StateCodecV1.peekSegment(bytes);
        }
        if (bytes.length < 9) {
            throw new IllegalArgumentException("truncated customer state (" + bytes.length + " bytes)");
        }
        return new StateBytes.Reader(bytes, 9).string();
    }

    private static byte checkVersion(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty customer state");
        }
        if (bytes[0] != VERSION && bytes[0] != StateCodecV1.VERSION) {
            throw new IllegalArgumentException("customer state version " + bytes[0] + ", this code reads versions "
                    + StateCodecV1.VERSION + " and " + VERSION);
        }
        return bytes[0];
    }

    private static Promise.Status status(int ordinal) {
        if (ordinal >= Promise.Status.values().length) {
            throw new IllegalArgumentException("unknown promise status " + ordinal);
        }
        return Promise.Status.values()[ordinal];
    }

    private static void times(StateBytes.Writer out, List<Long> times) {
        out.unsigned(times.size());
        for (long t : times) {
            out.time(t);
        }
    }

    private static void times(StateBytes.Reader in, List<Long> into, String what) {
        for (int i = in.count(CustomerState.MAX_SURVEYS, what); i > 0; i--) {
            into.add(in.time());
        }
    }

    private static void touch(StateBytes.Writer out, Touch t) {
        if (t == null) {
            out.write(0);
            return;
        }
        out.write(1);
        out.string(t.eventId());
        out.time(t.ts());
        out.label(t.touchpoint());
        out.label(t.channel());
        out.label(t.kind());
        out.label(t.direction());
        out.string(t.text());
        out.label(t.topic());
        out.label(t.caseId());
        out.unsigned(t.flags() & 0xFFFFFFFFL);
        out.fixedInt(t.termsHash());
    }

    private static Touch touch(StateBytes.Reader in) {
        int present = in.read();
        if (present == 0) {
            return null;
        }
        if (present != 1) {
            throw new IllegalArgumentException("bad event marker " + present);
        }
        return new Touch(in.string(), in.time(), in.label(), in.label(), in.label(), in.label(), in.string(), in.label(),
                in.label(), (int) in.unsigned(), in.fixedInt());
    }
}
