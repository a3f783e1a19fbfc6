package io.touchpulse.topology.window;

import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import io.touchpulse.schema.TermCount;
import io.touchpulse.schema.TouchpointHealth;
import io.touchpulse.text.PiiRedactor;
import io.touchpulse.text.Sentiment;
import io.touchpulse.text.TextAnalyzer;
import io.touchpulse.topology.Reason;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a TouchpointHealth needs about one segment × touchpoint over one pane (one window
 * advance, 1 minute by default). Panes are additive: a hopping window is the merge of the panes
 * it covers, so each event updates one pane instead of five overlapping windows.
 */
public final class PaneAggregate {
    /** Twenty, not ten: the trending-terms stage needs a term's count in ordinary windows too, to learn its baseline. */
    private static final int TOP_TERMS = 20;
    private static final Reason[] REASONS = Reason.all();
    private static final List<String> INTENTS = TextAnalyzer.INTENTS;
    private static final List<String> ASPECTS = TextAnalyzer.ASPECTS;

    long events;
    long dissatisfied;
    long textEvents;
    long negative;
    double sentimentSum;
    long csatSum;
    long csatCount;
    long promoters;
    long detractors;
    long npsCount;
    long requests;
    long errors;
    long searches;
    long zeroResults;
    long questions;
    long unansweredQuestions;
    final long[] reasons = new long[REASONS.length];
    final long[] intents = new long[INTENTS.size()];
    final long[] negativeAspects = new long[ASPECTS.size()];
    LatencyHistogram latency = new LatencyHistogram();
    HyperLogLog customers = new HyperLogLog();
    TermCounter negativeTerms = new TermCounter();
    VerbatimSample verbatims = new VerbatimSample();

    public long events() {
        return events;
    }

    public void add(Signal s) {
        events++;
        if (s.getDissatisfied()) {
            dissatisfied++;
            for (String r : s.getReasons()) {
                reasons[Reason.valueOf(r).ordinal()]++;
            }
        }
        if (s.getCustomerId() != null) {
            customers.add(s.getCustomerId());
        }
        boolean negativeText = false;
        if (s.getHasText()) {
            textEvents++;
            sentimentSum += s.getCompound();
            if ("negative".equals(s.getLabel())) {
                negative++;
                negativeText = true;
                if (s.getSource() == SignalSource.INTERACTION) {
                    verbatims.add(s.getCompound(), s.getText());
                }
            }
        }
        for (String intent : s.getIntents()) {
            int i = INTENTS.indexOf(intent);
            if (i >= 0) {
                intents[i]++;
            }
        }
        for (Map.Entry<String, Double> aspect : s.getAspects().entrySet()) {
            int i = ASPECTS.indexOf(aspect.getKey());
            if (i >= 0 && aspect.getValue() <= -Sentiment.THRESHOLD) {
                negativeAspects[i]++;
            }
        }
        if (s.getCsat() != null) {
            csatSum += s.getCsat();
            csatCount++;
        }
        if (s.getNps() != null) {
            npsCount++;
            if (s.getNps() >= 9) {
                promoters++;
            } else if (s.getNps() <= 6) {
                detractors++;
            }
        }
        if (s.getSource() == SignalSource.WEB) {
            requests++;
            Integer status = s.getHttpStatus();
            if (status != null && (status >= 500 || status == 0)) {
                errors++;
            }
            if (s.getLatencyMs() != null) {
                latency.add(s.getLatencyMs());
            }
        } else if (s.getSource() == SignalSource.SEARCH) {
            searches++;
            if (s.getZeroResults()) {
                zeroResults++;
            }
        }
        // counted from the signal's flags: the customer stage marks a repeated question unanswered after scoring
        if (s.getQuestion()) {
            questions++;
            if (s.getUnanswered()) {
                unansweredQuestions++;
            }
        }
        if (negativeText || (s.getSource() == SignalSource.SEARCH && s.getDissatisfied())) {
            for (String t : s.getTerms()) {
                negativeTerms.add(t, 1);
            }
        }
    }

    public void merge(PaneAggregate o) {
        events += o.events;
        dissatisfied += o.dissatisfied;
        textEvents += o.textEvents;
        negative += o.negative;
        sentimentSum += o.sentimentSum;
        csatSum += o.csatSum;
        csatCount += o.csatCount;
        promoters += o.promoters;
        detractors += o.detractors;
        npsCount += o.npsCount;
        requests += o.requests;
        errors += o.errors;
        searches += o.searches;
        zeroResults += o.zeroResults;
        questions += o.questions;
        unansweredQuestions += o.unansweredQuestions;
        for (int i = 0; i < reasons.length; i++) {
            reasons[i] += o.reasons[i];
        }
        for (int i = 0; i < intents.length; i++) {
            intents[i] += o.intents[i];
        }
        for (int i = 0; i < negativeAspects.length; i++) {
            negativeAspects[i] += o.negativeAspects[i];
        }
        latency.merge(o.latency);
        customers.merge(o.customers);
        negativeTerms.merge(o.negativeTerms);
        verbatims.merge(o.verbatims);
    }

    public TouchpointHealth toHealth(String segment, String touchpoint, long start, long end) {
        Map<String, Long> reasonCounts = new HashMap<>();
        for (int i = 0; i < reasons.length; i++) {
            if (reasons[i] > 0) {
                reasonCounts.put(REASONS[i].name(), reasons[i]);
            }
        }
        List<TermCount> terms = new ArrayList<>();
        Map<String, Long> intentCounts = counts(INTENTS, intents);
        Map<String, Long> aspectCounts = counts(ASPECTS, negativeAspects);
        negativeTerms.top(TOP_TERMS).forEach(e -> terms.add(new TermCount(e.getKey(), e.getValue())));
        double p95 = latency.quantile(0.95);
        return TouchpointHealth.newBuilder()
                .setSegment(segment).setTouchpoint(touchpoint)
                .setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(end))
                .setEvents(events).setDistinctCustomers(customers.estimate())
                .setDissatisfied(dissatisfied).setDissatisfiedRate(ratio(dissatisfied, events))
                .setTextEvents(textEvents)
                .setMeanSentiment(textEvents == 0 ? null : sentimentSum / textEvents)
                .setNegativeShare(textEvents == 0 ? null : ratio(negative, textEvents))
                .setCsatMean(csatCount == 0 ? null : (double) csatSum / csatCount).setCsatCount(csatCount)
                .setNps(npsCount == 0 ? null : 100.0 * (promoters - detractors) / npsCount).setNpsCount(npsCount)
                .setRequests(requests).setErrorRate(requests == 0 ? null : ratio(errors, requests))
                .setLatencyP95Ms(Double.isNaN(p95) ? null : p95)
                .setSearches(searches).setZeroResultRate(searches == 0 ? null : ratio(zeroResults, searches))
                .setQuestions(questions).setUnansweredQuestions(unansweredQuestions)
                .setUnansweredRate(questions == 0 ? null : ratio(unansweredQuestions, questions))
                .setReasonCounts(reasonCounts).setTopNegativeTerms(terms)
                .setIntentCounts(intentCounts).setNegativeAspectCounts(aspectCounts)
                .setSampleVerbatims(verbatims.texts().stream().map(PiiRedactor::redact).toList())
                .build();
    }

    private static Map<String, Long> counts(List<String> names, long[] values) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 0) {
                m.put(names.get(i), values[i]);
            }
        }
        return m;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(events);
            out.writeLong(dissatisfied);
            out.writeLong(textEvents);
            out.writeLong(negative);
            out.writeDouble(sentimentSum);
            out.writeLong(csatSum);
            out.writeLong(csatCount);
            out.writeLong(promoters);
            out.writeLong(detractors);
            out.writeLong(npsCount);
            out.writeLong(requests);
            out.writeLong(errors);
            out.writeLong(searches);
            out.writeLong(zeroResults);
            out.writeByte(reasons.length);
            for (long r : reasons) {
                out.writeLong(r);
            }
            latency.write(out);
            customers.write(out);
            negativeTerms.write(out);
            writeCounts(out, intents);
            writeCounts(out, negativeAspects);
            verbatims.write(out);
            out.writeLong(questions);
            out.writeLong(unansweredQuestions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeCounts(DataOutputStream out, long[] values) throws IOException {
        out.writeByte(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static void readCounts(DataInputStream in, long[] into) throws IOException {
        int n = in.readUnsignedByte();
        for (int i = 0; i < n; i++) {
            long v = in.readLong();
            if (i < into.length) {
                into[i] = v;
            }
        }
    }

    public static PaneAggregate fromBytes(byte[] data) {
        PaneAggregate p = new PaneAggregate();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            p.events = in.readLong();
            p.dissatisfied = in.readLong();
            p.textEvents = in.readLong();
            p.negative = in.readLong();
            p.sentimentSum = in.readDouble();
            p.csatSum = in.readLong();
            p.csatCount = in.readLong();
            p.promoters = in.readLong();
            p.detractors = in.readLong();
            p.npsCount = in.readLong();
            p.requests = in.readLong();
            p.errors = in.readLong();
            p.searches = in.readLong();
            p.zeroResults = in.readLong();
            int n = in.readUnsignedByte();
            for (int i = 0; i < n; i++) {
                long v = in.readLong();
                if (i < p.reasons.length) {
                    p.reasons[i] = v;
                }
            }
            p.latency = LatencyHistogram.read(in);
            p.customers = HyperLogLog.read(in);
            p.negativeTerms = TermCounter.read(in);
            // panes written before intents and aspects existed end here
            if (in.available() > 0) {
                readCounts(in, p.intents);
                readCounts(in, p.negativeAspects);
            }
            if (in.available() > 0) {
                p.verbatims = VerbatimSample.read(in);
            }
            // and before questions: those panes count none
            if (in.available() > 0) {
                p.questions = in.readLong();
                p.unansweredQuestions = in.readLong();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt pane aggregate", e);
        }
        return p;
    }
}
