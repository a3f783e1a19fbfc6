package io.touchpulse.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How alert transitions are paired with the webhooks that told the receiver, and the percentile rule. */
class BenchAlertLatenciesTest {
    private static final String A_FIRING = AlertLatencies.key("aaa", "FIRING", "WARNING", 1_000);
    private static final String A_CRITICAL = AlertLatencies.key("aaa", "firing", "critical", 1_000);
    private static final String A_RESOLVED = AlertLatencies.key("aaa", "RESOLVED", "CRITICAL", 1_000);
    private static final String B_FIRING = AlertLatencies.key("bbb", "FIRING", "WARNING", 2_000);

    private static AlertLatencies.Emitted emitted(String key, long at) {
        return new AlertLatencies.Emitted(key, key.contains("resolved") ? "RESOLVED" : "FIRING", "premium|checkout", at, at + 50);
    }

    @Test
    void keysIgnoreCaseSoAvroEnumsMatchThePayload() {
        assertThat(AlertLatencies.key("aaa", "FIRING", "CRITICAL", 1_000)).isEqualTo(A_CRITICAL);
    }

    @Test
    void eachTransitionTakesTheFirstWebhookAfterItThatNamesIt() {
        List<AlertLatencies.Received> posts = List.of(
                new AlertLatencies.Received(10_150, 10_120, List.of(A_FIRING)),
                // B fires in the same group: the webhook names A again (unchanged), which must not count for A
                new AlertLatencies.Received(20_200, 20_180, List.of(A_FIRING, B_FIRING)),
                new AlertLatencies.Received(30_100, 30_090, List.of(A_CRITICAL, B_FIRING)),
                new AlertLatencies.Received(40_300, 40_250, List.of(A_RESOLVED, B_FIRING)));
        AlertLatencies.Result r = AlertLatencies.match(List.of(emitted(A_FIRING, 10_000), emitted(B_FIRING, 20_000),
                emitted(A_CRITICAL, 30_000), emitted(A_RESOLVED, 40_000)), posts);

        assertThat(r.unmatched()).isEmpty();
        assertThat(r.matched()).extracting(AlertLatencies.Match::totalMs).containsExactly(150L, 200L, 100L, 300L);
        assertThat(r.matched().get(0).commitMs()).isEqualTo(50);
        assertThat(r.matched().get(0).decisionMs()).isEqualTo(120);
        assertThat(r.matched().get(0).sendMs()).isEqualTo(30);
    }

    @Test
    void aWebhookBeforeTheEmissionOrAlreadyUsedForTheSameKeyDoesNotCount() {
        String again = A_FIRING; // the same version emitted twice (e.g. warning, critical, warning again)
        List<AlertLatencies.Received> posts = List.of(new AlertLatencies.Received(10_100, 10_090, List.of(A_FIRING)));
        AlertLatencies.Result r = AlertLatencies.match(List.of(emitted(A_FIRING, 10_000), emitted(again, 10_050), emitted(B_FIRING, 20_000)), posts);

        assertThat(r.matched()).hasSize(1);
        assertThat(r.matched().get(0).emitted().emittedAtMs()).isEqualTo(10_000);
        assertThat(r.unmatched()).extracting(AlertLatencies.Emitted::emittedAtMs).containsExactly(10_050L, 20_000L);
    }

    @Test
    void aTransitionOvertakenByALaterOneOfTheSameAlertIsSupersededNotLost() {
        // warning and critical read in one dispatcher poll: only the critical one is sent
        List<AlertLatencies.Received> posts = List.of(new AlertLatencies.Received(10_100, 10_090, List.of(A_CRITICAL)));
        AlertLatencies.Result r = AlertLatencies.match(List.of(emitted(A_FIRING, 10_000), emitted(A_CRITICAL, 10_020)), posts);

        assertThat(r.matched()).extracting(m -> m.emitted().key()).containsExactly(A_CRITICAL);
        assertThat(r.superseded()).extracting(AlertLatencies.Emitted::key).containsExactly(A_FIRING);
        assertThat(r.unmatched()).isEmpty();
    }

    @Test
    void percentilesAreNearestRank() {
        List<AlertLatencies.Match> m = new java.util.ArrayList<>();
        for (long ms = 1; ms <= 200; ms++) {
            m.add(new AlertLatencies.Match(emitted(A_FIRING, 0), new AlertLatencies.Received(ms, 0, List.of(A_FIRING))));
        }
        assertThat(AlertLatencies.percentile(m, AlertLatencies.Match::totalMs, 0.50)).isEqualTo(100);
        assertThat(AlertLatencies.percentile(m, AlertLatencies.Match::totalMs, 0.99)).isEqualTo(198);
        assertThat(AlertLatencies.percentile(m, AlertLatencies.Match::totalMs, 1.0)).isEqualTo(200);
        assertThat(AlertLatencies.percentile(m.subList(0, 50), AlertLatencies.Match::totalMs, 0.99)).isEqualTo(50);
    }

    @Test
    void aRetriedWebhookCountsOnceAtItsFirstArrival() {
        String body = """
                {"type":"touchpulse.alerts.firing","timestamp":"2026-11-24T10:00:00.120Z","data":{"alerts":[
                {"fingerprint":"aaa","status":"firing","severity":"warning","startsAt":"1970-01-01T00:00:01Z"}]}}""";
        List<WebhookCollector.Post> posts = List.of(new WebhookCollector.Post(2_000, "msg_1", "1", "v1,x", body),
                new WebhookCollector.Post(1_000, "msg_1", "1", "v1,x", body));
        List<AlertLatencies.Received> r = WebhookCollector.received(posts);
        assertThat(r).hasSize(1);
        assertThat(r.get(0).receivedAtMs()).isEqualTo(1_000);
        assertThat(r.get(0).keys()).containsExactly(A_FIRING);
        assertThat(r.get(0).decidedAtMs()).isEqualTo(java.time.Instant.parse("2026-11-24T10:00:00.120Z").toEpochMilli());
    }
}
