package io.touchpulse.journey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of GET /api/customers/{id} and GET /api/customers (docs/journeys.md), as ordered maps. */
final class CustomerJson {
    private CustomerJson() {}

    static Map<String, Object> summary(CustomerState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", s.customerId);
        m.put("segment", s.segment);
        m.put("tier", s.tier);
        m.put("risk", DriverValue.round(s.risk));
        m.put("band", s.band());
        m.put("drivers", drivers(s));
        m.put("valueAtRisk", Math.round(s.valueAtRisk() * 100) / 100.0);
        m.put("updatedAt", iso(s.updatedAt));
        return m;
    }

    static Map<String, Object> full(CustomerState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("customerId", s.customerId);
        m.put("segment", s.segment);
        m.put("tier", s.tier);
        m.put("tenureMonths", s.tenureMonths < 0 ? null : s.tenureMonths);
        m.put("lifetimeValue", s.lifetimeValue);
        m.put("risk", DriverValue.round(s.risk));
        m.put("band", s.band());
        m.put("valueAtRisk", Math.round(s.valueAtRisk() * 100) / 100.0);
        m.put("drivers", drivers(s));
        m.put("sentiment", s.sentimentWeight > 0 ? DriverValue.round(s.sentimentSum / s.sentimentWeight) : null);
        m.put("contacts", Journeys.contactsPerChannel(s, s.updatedAt, s.contactWindowMs));
        List<Map<String, Object>> cases = new ArrayList<>();
        for (OpenCase c : s.cases) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("caseId", c.key());
            cm.put("topic", c.topic());
            cm.put("openedAt", iso(c.openedAt()));
            cm.put("lastAt", iso(c.lastAt()));
            cm.put("lastOutcome", c.lastOutcome());
            cm.put("complaint", c.complaint());
            cm.put("escalated", c.escalated());
            cases.add(cm);
        }
        m.put("openCases", cases);
        Map<String, Object> surveys = new LinkedHashMap<>();
        surveys.put("inPeriod", s.surveys.size());
        surveys.put("budget", s.surveyBudget);
        surveys.put("last", s.surveys.isEmpty() ? null : iso(s.surveys.get(s.surveys.size() - 1)));
        m.put("surveys", surveys);
        List<Map<String, Object>> promises = new ArrayList<>();
        for (Promise p : s.promises) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("what", p.what());
            pm.put("madeAt", iso(p.madeAt()));
            pm.put("dueAt", p.dueAt() == Long.MAX_VALUE ? null : iso(p.dueAt()));
            pm.put("status", p.status().name().toLowerCase(java.util.Locale.ROOT));
            promises.add(pm);
        }
        m.put("promises", promises);
        List<Map<String, Object>> dis = new ArrayList<>();
        for (int i = s.dissatisfaction.size() - 1; i >= 0; i--) {
            Dissatisfaction d = s.dissatisfaction.get(i);
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("timestamp", iso(d.ts()));
            dm.put("touchpoint", d.touchpoint());
            dm.put("reasons", d.reasons());
            dis.add(dm);
        }
        m.put("recentDissatisfaction", dis);
        m.put("issues", List.copyOf(s.issues));
        m.put("updatedAt", iso(s.updatedAt));
        return m;
    }

    private static List<Map<String, Object>> drivers(CustomerState s) {
        List<Map<String, Object>> out = new ArrayList<>(s.drivers.size());
        for (DriverValue d : s.drivers) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("name", d.driver().key());
            dm.put("strength", DriverValue.round(d.strength()));
            dm.put("weight", d.weight());
            dm.put("contribution", DriverValue.round(d.contribution()));
            dm.put("detail", d.detail());
            out.add(dm);
        }
        return out;
    }

    static String iso(long ts) {
        return ts == CustomerState.NEVER ? null : Instant.ofEpochMilli(ts).toString();
    }
}
