package io.touchpulse.http;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertEvidence;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.Severity;
import io.touchpulse.schema.TermCount;
import io.touchpulse.schema.TouchpointHealth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A pipeline and customer stage in a believable mid-incident state for the live page's browser test, which can move
 * on once ({@link #advance()}: a new alert fires and a broken promise is found) so the test sees the page change
 * without a reload. One verbatim carries HTML to prove the page shows customer text as text.
 */
final class LivePageFixture implements PipelineView, InsightsView {
    static final List<String> SEGMENTS = List.of("consumer", "new", "premium", "small-business");
    static final List<String> TOUCHPOINTS = List.of("billing", "call-center", "checkout", "login", "mobile-app", "search", "support-chat");
    static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"> you charged me twice & nobody calls back";
    static final String NEW_ALERT = "fp-sb-checkout-errors";
    static final String NEW_ISSUE = "issue-broken-promise-c1009";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private volatile boolean advanced;

    void advance() {
        advanced = true;
    }

    /** Cells with data: every segment × touchpoint except new customers at the call centre (none called yet). */
    List<TouchpointHealth> health() {
        Random r = new Random(7);
        List<TouchpointHealth> out = new ArrayList<>();
        for (String s : SEGMENTS) {
            for (String t : TOUCHPOINTS) {
                if (s.equals("new") && t.equals("call-center")) {
                    continue;
                }
                long events = s.equals("new") && t.equals("support-chat") ? 12 : 80 + r.nextInt(900);
                double rate = 0.02 + 0.07 * r.nextDouble();
                if (s.equals("premium") && t.equals("billing")) rate = 0.31;
                if (s.equals("consumer") && t.equals("search")) rate = 0.19;
                if (t.equals("call-center")) rate += 0.05;
                out.add(health(s, t, events, rate, r));
            }
        }
        return out;
    }

    private TouchpointHealth health(String s, String t, long events, double rate, Random r) {
        boolean search = t.equals("search"), web = List.of("checkout", "login", "mobile-app", "billing", "search").contains(t);
        boolean talk = List.of("call-center", "support-chat").contains(t);
        return TouchpointHealth.newBuilder().setSegment(s).setTouchpoint(t)
                .setWindowStart(now.minus(5, ChronoUnit.MINUTES)).setWindowEnd(now).setEvents(events)
                .setDistinctCustomers(Math.max(1, events / 3)).setDissatisfied(Math.round(events * rate)).setDissatisfiedRate(rate)
                .setTextEvents(talk ? events / 2 : 4).setMeanSentiment(0.1 - rate * 2).setNegativeShare(Math.min(1, rate * 1.8))
                .setCsatMean(talk ? 3.9 - rate * 4 : null).setCsatCount(talk ? 14 : 0).setNps(talk ? 22 - rate * 100 : null).setNpsCount(talk ? 9 : 0)
                .setRequests(web ? events : 0).setErrorRate(web ? 0.004 + 0.01 * r.nextDouble() : null)
                .setLatencyP95Ms(web ? 600.0 + r.nextInt(900) : null).setSearches(search ? events : 0)
                .setZeroResultRate(search ? (s.equals("consumer") ? 0.27 : 0.06) : null)
                .setQuestions(talk ? 20 : 0).setUnansweredQuestions(talk ? 3 : 0).setUnansweredRate(talk ? 0.15 : null)
                .setReasonCounts(Map.of("NEGATIVE_VERBATIM", 3L + r.nextInt(9), "LATENCY", (long) r.nextInt(6), "ZERO_RESULT", search ? 40L : 0L))
                .setTopNegativeTerms(List.of(new TermCount("charged twice", 9L), new TermCount("refund", 6L), new TermCount("late fee", 4L)))
                .setSampleVerbatims(List.of(s.equals("premium") && t.equals("billing") ? HOSTILE : "the app logged me out again and again"))
                .build();
    }

    @Override public String state() { return "RUNNING"; }

    @Override public boolean ready() { return true; }

    @Override public List<TouchpointHealth> latestHealth() { return health(); }

    @Override
    public List<Alert> alerts() {
        List<Alert> out = new ArrayList<>(List.of(
                alert("fp-premium-billing", AlertStatus.FIRING, Severity.CRITICAL, "premium", "billing", "dissatisfied_rate", 0.31, 0.06, 24,
                        "premium / billing: dissatisfied rate 31% vs 6% expected"),
                alert("fp-consumer-search", AlertStatus.FIRING, Severity.WARNING, "consumer", "search", "zero_result_rate", 0.27, 0.07, 11,
                        "consumer / search: zero-result searches 27% vs 7% expected"),
                alert("fp-new-login", AlertStatus.RESOLVED, Severity.WARNING, "new", "login", "error_rate", 0.01, 0.01, 90,
                        "new / login: error rate back to normal")));
        if (advanced) {
            out.add(alert(NEW_ALERT, AlertStatus.FIRING, Severity.CRITICAL, "small-business", "checkout", "error_rate", 0.12, 0.008, 1,
                    "small-business / checkout: error rate 12% vs 0.8% expected"));
        }
        return out;
    }

    private Alert alert(String fp, AlertStatus status, Severity sev, String s, String t, String metric, double observed, double baseline,
                        int minutesAgo, String summary) {
        return Alert.newBuilder().setFingerprint(fp).setStatus(status).setSeverity(sev).setSegment(s).setTouchpoint(t)
                .setMetric(metric).setDirection("up").setObserved(observed).setBaseline(baseline).setScore(0.97)
                .setStartsAt(now.minus(minutesAgo, ChronoUnit.MINUTES)).setEndsAt(status == AlertStatus.RESOLVED ? now : null)
                .setWindowStart(now.minus(5, ChronoUnit.MINUTES)).setWindowEnd(now).setSummary(summary)
                .setEvidence(AlertEvidence.newBuilder().setEvents(412).setDissatisfied(Math.round(412 * observed)).setDistinctCustomers(301)
                        .setVerbatims(t.equals("billing") ? List.of(HOSTILE, "third time I call about the same fee") : List.of("cannot find the router I bought"))
                        .setTopTerms(List.of(new TermCount("charged twice", 17L), new TermCount("late fee", 9L)))
                        .setReasonCounts(Map.of("NEGATIVE_VERBATIM", 40L)).build())
                .build();
    }

    @Override
    public Optional<Map<String, Object>> customer(String id) {
        return LivePageInsights.customers(now).stream().filter(c -> c.get("customerId").equals(id)).findFirst().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>(c);
            m.put("sentiment", -0.42);
            m.put("contacts", Map.of("phone", 5, "email", 3, "chat", 1));
            m.put("openCases", List.of("case-" + id));
            m.put("surveys", Map.of("inPeriod", 4, "budget", 3, "last", now.minus(2, ChronoUnit.HOURS).toString()));
            m.put("promises", List.of(Map.of("what", "fee-waiver", "madeAt", now.minus(3, ChronoUnit.DAYS).toString(), "status", "broken")));
            m.put("recentDissatisfaction", List.of(Map.of("timestamp", now.minus(40, ChronoUnit.MINUTES).toString(), "touchpoint", "billing",
                    "reasons", List.of("NEGATIVE_VERBATIM", "REPEAT_CONTACT"))));
            m.put("issues", List.of("issue-" + id));
            return m;
        });
    }

    @Override
    public List<Map<String, Object>> atRiskCustomers(String segment, double minRisk, int limit) {
        return LivePageInsights.customers(now).stream().limit(limit).toList();
    }

    @Override
    public List<Map<String, Object>> journeyIssues(String type, String customerId, int limit) {
        List<Map<String, Object>> out = new ArrayList<>(LivePageInsights.issues(now));
        if (advanced) {
            out.add(0, LivePageInsights.issue(NEW_ISSUE, "BROKEN_PROMISE", "c-1009", "premium", "billing", now,
                    "Fee waiver promised on the phone on Monday, late fee billed today",
                    "Refund the late fee today and call the customer before the next bill goes out"));
        }
        return out.stream().limit(limit).toList();
    }

    @Override public List<Map<String, Object>> ideas(int limit) { return LivePageInsights.ideas(now).stream().limit(limit).toList(); }

    @Override public List<Map<String, Object>> trends(String segment, String touchpoint) { return LivePageInsights.trends(now); }
}
