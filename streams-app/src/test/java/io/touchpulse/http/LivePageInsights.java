package io.touchpulse.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Customer-stage answers for {@link LivePageFixture}, in the JSON shapes of docs/journeys.md. */
final class LivePageInsights {
    static final int CUSTOMERS = 15;
    static final int ISSUES = 6;
    static final int IDEAS = 5;
    static final int TRENDS = 5;

    private LivePageInsights() {}

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Map<String, Object>> customers(Instant now) {
        String[][] drivers = {
                {"broken_promise", "fee waiver promised 3 days ago, late fee billed"}, {"repeat_contacts", "4 contacts about refund in 5 days"},
                {"churn_intent", "said \"thinking of switching\" in chat"}, {"unresolved_case", "case open for 9 days, 2 transfers"},
                {"negative_sentiment_trend", "sentiment fell from 0.3 to -0.6 this week"}, {"detractor", "NPS 2 after the last call"}};
        String[] segments = {"premium", "small-business", "consumer", "premium", "consumer", "new"};
        String[] tiers = {"platinum", "gold", "silver", "gold", "bronze", "bronze"};
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            double risk = 0.93 - i * 0.045;
            String band = risk >= 0.8 ? "critical" : risk >= 0.6 ? "high" : risk >= 0.3 ? "medium" : "low";
            String[] a = drivers[i % drivers.length], b = drivers[(i + 2) % drivers.length];
            out.add(map("customerId", "c-" + (1001 + i), "segment", segments[i % 6], "tier", tiers[i % 6], "risk", risk, "band", band,
                    "drivers", List.of(map("name", a[0], "strength", 0.9, "weight", 0.5, "contribution", risk * 0.6, "detail", a[1]),
                            map("name", b[0], "strength", 0.6, "weight", 0.3, "contribution", risk * 0.4, "detail", b[1])),
                    "valueAtRisk", Math.round(risk * (i % 3 == 0 ? 24000 : 6200)),
                    "updatedAt", now.minus(3L * i, ChronoUnit.MINUTES).toString()));
        }
        return out;
    }

    static List<Map<String, Object>> issues(Instant now) {
        return List.of(
                issue("issue-1", "UNCOORDINATED_CONTACT", "c-1002", "small-business", "call-center", now.minus(4, ChronoUnit.MINUTES),
                        "Agent called about the open billing case while 2 marketing emails went out the same day",
                        "Pause marketing for customers with an open case; let the case owner make the next contact"),
                issue("issue-2", "REPEAT_CONTACT", "c-1004", "premium", "support-chat", now.minus(11, ChronoUnit.MINUTES),
                        "Third contact about the same refund in 5 days",
                        "Give the case one owner and call back with a refund date"),
                issue("issue-3", "TONE_DEAF_OUTREACH", "c-1001", "premium", "call-center", now.minus(26, ChronoUnit.MINUTES),
                        "Retention call placed while the customer's complaint about a double charge is unanswered",
                        "Answer the complaint first; hold retention offers until it is resolved"),
                issue("issue-4", "SURVEY_FATIGUE", "c-1007", "consumer", "email", now.minus(48, ChronoUnit.MINUTES),
                        "Fourth survey in 30 days, this one after a 20-second password reset",
                        "Suppress surveys for this customer for 30 days"),
                issue("issue-5", "LOYALTY_PENALTY", "c-1005", "consumer", "call-center", now.minus(2, ChronoUnit.HOURS),
                        "Customer of 6 years refused the new-customer price on the phone",
                        "Offer the loyalty price match and flag the offer rule to pricing"),
                issue("issue-6", "BROKEN_PROMISE", "c-1003", "consumer", "call-center", now.minus(3, ChronoUnit.HOURS),
                        "Callback promised within 24 hours, none made after 26 hours",
                        "Call the customer now and apologise for the missed callback"));
    }

    static Map<String, Object> issue(String id, String type, String customer, String segment, String touchpoint, Instant at,
                                     String summary, String action) {
        List<Map<String, Object>> evidence = List.of(
                map("eventId", id + "-e1", "timestamp", at.minus(3, ChronoUnit.DAYS).toString(), "touchpoint", touchpoint, "channel", "phone",
                        "kind", "CALL", "direction", "INBOUND", "role", "complaint", "text", LivePageFixture.HOSTILE),
                map("eventId", id + "-e2", "timestamp", at.minus(2, ChronoUnit.DAYS).toString(), "touchpoint", touchpoint, "channel", "phone",
                        "kind", "CALL", "direction", "OUTBOUND", "role", "promise", "text", "we will waive the fee, you have my word"),
                map("eventId", id + "-e3", "timestamp", at.toString(), "touchpoint", "billing", "channel", "web",
                        "kind", "LETTER", "direction", "OUTBOUND", "role", "contradiction", "text", null));
        return map("issueId", id, "type", type, "customerId", customer, "segment", segment, "detectedAt", at.toString(),
                "summary", summary, "suggestedAction", action, "evidence", evidence, "touchpoint", touchpoint, "topic", "fee");
    }

    static List<Map<String, Object>> ideas(Instant now) {
        Object[][] rows = {
                {"split bill", 41, 33, "would be great to split the bill between two cards"},
                {"dark mode", 28, 25, "please add a dark mode to the app, I check it at night"},
                {"export invoices", 19, 11, "I copy every invoice by hand into our accounting tool"},
                {"delivery window", 14, 13, "let me pick a two-hour delivery window"},
                {"paper statement", 7, 7, "I wish I could get a yearly paper statement"}};
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(map("ideaId", "idea-" + r[0].toString().replace(' ', '-'), "theme", r[0], "terms", List.of(r[0].toString().split(" ")),
                    "mentions", r[1], "customers", r[2], "weight", ((Integer) r[1]) * 1.7, "touchpoints", Map.of("mobile-app", r[1]),
                    "segments", Map.of("consumer", r[2]), "examples", List.of(r[3]),
                    "firstSeen", now.minus(6, ChronoUnit.DAYS).toString(), "lastSeen", now.toString()));
        }
        return out;
    }

    static List<Map<String, Object>> trends(Instant now) {
        Object[][] rows = {
                {"premium", "billing", "charged twice", 17, 1.2, 0.99}, {"consumer", "search", "router", 44, 6.0, 0.98},
                {"premium", "billing", "late fee", 9, 0.8, 0.95}, {"small-business", "login", "2fa code", 12, 3.1, 0.83},
                {"consumer", "mobile-app", "logged out", 8, 2.9, 0.71}};
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            double baseline = (Double) r[4];
            int count = (Integer) r[3];
            out.add(map("segment", r[0], "touchpoint", r[1], "term", r[2], "windowEnd", now.toString(), "count", count,
                    "baseline", baseline, "lift", (count + 1) / (baseline + 1), "score", r[5], "trending", true));
        }
        return out;
    }
}
