package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.TestAlerts;
import io.touchpulse.alert.notify.AlertView;
import io.touchpulse.alert.notify.LogReceiver;
import io.touchpulse.alert.notify.Notification;
import io.touchpulse.schema.Alert;
import io.touchpulse.schema.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.touchpulse.alert.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Grouping, pacing, silences and the notification log, driven with explicit instants (Alertmanager semantics). */
class DispatchEngineTest {
    private static final Alert CHECKOUT_ERRORS = TestAlerts.firing("premium", "checkout", "error_rate", Severity.WARNING);
    private static final Alert CHECKOUT_SENTIMENT = TestAlerts.firing("premium", "checkout", "mean_sentiment", Severity.WARNING);
    private static final Alert SEARCH_ZERO = TestAlerts.firing("consumer", "search", "zero_result_rate", Severity.WARNING);

    private final AtomicInteger silenced = new AtomicInteger();
    private int ids;

    private DispatchEngine engine(String routesYaml, String... receivers) {
        Map<String, ReceiverBinding> bindings = new LinkedHashMap<>();
        for (String r : receivers) {
            bindings.put(r, new ReceiverBinding(new LogReceiver(r), null, !r.startsWith("quiet"), Backoff.DEFAULT));
        }
        AlertingConfig c = AlertingConfigLoader.parse(routesYaml, "test");
        return new DispatchEngine(RouteNode.compileRoot(c.route(), bindings.keySet()), bindings, a -> silenced.incrementAndGet(), () -> "msg_" + ++ids);
    }

    private DispatchEngine defaultEngine() {
        return engine("route: {receiver: team}", "team");
    }

    private static Instant at(Duration d) {
        return T0.plus(d);
    }

    @Test
    void firstNotificationWaitsForGroupWaitAndCarriesTheWholeGroup() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        e.accept(TestAlerts.view(SEARCH_ZERO), T0.plusSeconds(5));
        e.accept(TestAlerts.view(CHECKOUT_SENTIMENT), T0.plusSeconds(10));
        assertThat(e.tick(T0.plusSeconds(29))).isEmpty();

        List<Notification> due = e.tick(T0.plusSeconds(30));
        assertThat(due).hasSize(1);
        assertThat(due.get(0).groupLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("segment", "premium", "touchpoint", "checkout"));
        assertThat(due.get(0).alerts()).extracting(AlertView::metric).containsExactly("error_rate", "mean_sentiment");
        assertThat(e.tick(T0.plusSeconds(34))).as("search group waits for its own group_wait").isEmpty();
        assertThat(e.tick(T0.plusSeconds(35))).extracting(Notification::groupKey).containsExactly("root:{segment=\"consumer\", touchpoint=\"search\"}");
    }

    @Test
    void changesWaitForGroupIntervalAndNothingNewMeansNothingSentUntilTheRepeatInterval() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        Notification first = e.tick(at(Duration.ofSeconds(30))).get(0);
        assertThat(e.tick(at(Duration.ofSeconds(31)))).as("one delivery at a time per group and receiver").isEmpty();
        e.delivered(first, at(Duration.ofSeconds(31)));

        e.accept(TestAlerts.view(CHECKOUT_ERRORS), at(Duration.ofMinutes(1))); // the same transition again: no news
        assertThat(e.tick(at(Duration.ofMinutes(10)))).isEmpty();

        e.accept(TestAlerts.view(CHECKOUT_SENTIMENT), at(Duration.ofMinutes(11)));
        assertThat(e.tick(at(Duration.ofMinutes(11)))).as("group_interval is counted from the last notification").hasSize(1);

        DispatchEngine quiet = defaultEngine();
        quiet.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        Notification n = quiet.tick(at(Duration.ofSeconds(30))).get(0);
        quiet.delivered(n, at(Duration.ofSeconds(30)));
        assertThat(quiet.tick(at(Duration.ofHours(4)))).isEmpty();
        List<Notification> repeat = quiet.tick(at(Duration.ofHours(4).plusSeconds(30)));
        assertThat(repeat).as("repeat_interval reminder").hasSize(1);
        assertThat(repeat.get(0).id()).isNotEqualTo(n.id());
    }

    @Test
    void resolutionIsSentOnceAndThenTheGroupAndItsStateAreForgotten() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        e.delivered(e.tick(at(Duration.ofSeconds(30))).get(0), at(Duration.ofSeconds(30)));
        e.drainChanges();
        e.accept(TestAlerts.view(TestAlerts.resolved(CHECKOUT_ERRORS, at(Duration.ofMinutes(3)))), at(Duration.ofMinutes(3)));
        assertThat(e.tick(at(Duration.ofMinutes(4)))).isEmpty();
        Notification resolved = e.tick(at(Duration.ofMinutes(5).plusSeconds(30))).get(0);
        assertThat(resolved.status()).isEqualTo("resolved");
        e.delivered(resolved, at(Duration.ofMinutes(6)));

        assertThat(e.groups()).isZero();
        Map<String, Object> changes = e.drainChanges();
        assertThat(changes).containsEntry("alert/" + CHECKOUT_ERRORS.getFingerprint(), null);
        assertThat(changes).containsEntry(ReceiverLog.key(resolved.groupKey(), "team"), null);
        assertThat(e.tick(at(Duration.ofHours(5)))).isEmpty();
    }

    @Test
    void anAlertThatResolvesWithinGroupWaitIsNeverSent() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        e.accept(TestAlerts.view(TestAlerts.resolved(CHECKOUT_ERRORS, T0.plusSeconds(10))), T0.plusSeconds(10));
        assertThat(e.tick(T0.plusSeconds(30))).isEmpty();
        assertThat(e.groups()).isZero();
    }

    @Test
    void routesMatchExactlyOrByRegexAndContinueFansOut() {
        DispatchEngine e = engine("""
                route:
                  receiver: default
                  routes:
                    - match: {severity: critical}
                      receivers: [pager, chat]
                      continue: true
                    - match_re: {touchpoint: "check.*|pay.*"}
                      receiver: checkout-team
                      group_wait: 0s
                """, "default", "pager", "chat", "checkout-team");
        e.accept(TestAlerts.view(TestAlerts.withSeverity(CHECKOUT_ERRORS, Severity.CRITICAL)), T0);
        e.accept(TestAlerts.view(SEARCH_ZERO), T0);
        assertThat(e.tick(T0)).extracting(Notification::receiver).containsExactly("checkout-team");
        assertThat(e.tick(T0.plusSeconds(30))).extracting(Notification::receiver).containsExactlyInAnyOrder("pager", "chat", "default");
    }

    @Test
    void silencedAlertsAreNotSentAndCountedOnceAndGoOutWhenTheSilenceEnds() {
        DispatchEngine e = defaultEngine();
        Silence s = e.addSilence(new SilenceRequest(List.of(LabelMatcher.equal("segment", "premium"), LabelMatcher.regex("metric", "error_.*")),
                null, T0.plus(Duration.ofHours(1)), "ops@example.com", "checkout deploy"), T0);
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        e.accept(TestAlerts.view(SEARCH_ZERO), T0);
        List<Notification> due = e.tick(T0.plusSeconds(30));
        assertThat(due).extracting(Notification::groupKey).containsExactly("root:{segment=\"consumer\", touchpoint=\"search\"}");
        e.tick(T0.plusSeconds(60));
        assertThat(silenced).hasValue(1);

        e.expireSilence(s.id(), T0.plusSeconds(90));
        assertThat(e.silence(s.id()).orElseThrow().state(T0.plusSeconds(90))).isEqualTo(Silence.EXPIRED);
        assertThat(e.tick(T0.plusSeconds(90))).extracting(Notification::groupKey).containsExactly("root:{segment=\"premium\", touchpoint=\"checkout\"}");
    }

    @Test
    void aReceiverThatHeardOfAnAlertGetsItsResolutionEvenWhileSilenced() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        e.delivered(e.tick(T0.plusSeconds(30)).get(0), T0.plusSeconds(30));
        e.addSilence(new SilenceRequest(List.of(LabelMatcher.equal("touchpoint", "checkout")), null, T0.plus(Duration.ofDays(1)), "me", "noisy"), T0.plusSeconds(40));
        e.accept(TestAlerts.view(TestAlerts.resolved(CHECKOUT_ERRORS, T0.plusSeconds(60))), T0.plusSeconds(60));
        List<Notification> due = e.tick(T0.plus(Duration.ofMinutes(6)));
        assertThat(due).hasSize(1);
        assertThat(due.get(0).status()).isEqualTo("resolved");
    }

    @Test
    void aSeverityChangeIsNewsAndTellsTheReceiverTheOldSeverity() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        e.delivered(e.tick(T0.plusSeconds(30)).get(0), T0.plusSeconds(30));
        e.accept(TestAlerts.view(TestAlerts.withSeverity(CHECKOUT_ERRORS, Severity.CRITICAL)), T0.plusSeconds(60));
        Notification n = e.tick(T0.plus(Duration.ofMinutes(6))).get(0);
        assertThat(n.alerts()).extracting(AlertView::severity).containsExactly("critical");
        assertThat(n.previousSeverity()).containsEntry(CHECKOUT_ERRORS.getFingerprint(), "warning");
    }

    @Test
    void anEscalationRoutedElsewhereStillResolvesWhereItWasAnnounced() {
        DispatchEngine e = engine("""
                route:
                  receiver: chat
                  routes:
                    - match: {severity: critical}
                      receiver: pager
                """, "chat", "pager");
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        e.delivered(e.tick(T0.plusSeconds(30)).get(0), T0.plusSeconds(30));
        e.accept(TestAlerts.view(TestAlerts.withSeverity(CHECKOUT_ERRORS, Severity.CRITICAL)), T0.plusSeconds(60));
        List<Notification> escalated = e.tick(T0.plus(Duration.ofMinutes(6)));
        assertThat(escalated).extracting(Notification::receiver).containsExactlyInAnyOrder("chat", "pager");
        escalated.forEach(n -> e.delivered(n, T0.plus(Duration.ofMinutes(6))));

        e.accept(TestAlerts.view(TestAlerts.resolved(TestAlerts.withSeverity(CHECKOUT_ERRORS, Severity.CRITICAL), T0.plus(Duration.ofMinutes(7)))),
                T0.plus(Duration.ofMinutes(7)));
        List<Notification> resolved = e.tick(T0.plus(Duration.ofMinutes(12)));
        assertThat(resolved).extracting(Notification::receiver).containsExactlyInAnyOrder("chat", "pager");
        assertThat(resolved).allMatch(n -> n.status().equals("resolved"));
    }

    @Test
    void aReceiverThatDoesNotWantResolutionsForgetsTheAlertSilently() {
        DispatchEngine e = engine("route: {receiver: quiet}", "quiet");
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        e.delivered(e.tick(T0.plusSeconds(30)).get(0), T0.plusSeconds(30));
        e.accept(TestAlerts.view(TestAlerts.resolved(CHECKOUT_ERRORS, T0.plusSeconds(60))), T0.plusSeconds(60));
        assertThat(e.tick(T0.plus(Duration.ofMinutes(10)))).isEmpty();
        assertThat(e.groups()).isZero();
    }

    @Test
    void aFailedDeliveryIsRetriedAsANewNotificationAfterTheLongestBackoff() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        Notification n = e.tick(T0.plusSeconds(30)).get(0);
        e.failed(n, T0.plusSeconds(40));
        assertThat(e.tick(T0.plusSeconds(99))).as("paused for the backoff cap (1 min), not hammered").isEmpty();
        List<Notification> again = e.tick(T0.plusSeconds(100));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).id()).isNotEqualTo(n.id());
    }

    private static final Instant EP2 = T0.plus(Duration.ofMinutes(20));

    /** firing (episode 1), its resolution, firing again (episode 2), accepted at minutes 0, 10 and 20. */
    private static List<AlertView> fireResolveFire(DispatchEngine e, Alert a) {
        AlertView fire1 = TestAlerts.view(a);
        AlertView resolve1 = TestAlerts.view(TestAlerts.resolved(a, T0.plus(Duration.ofMinutes(10))));
        AlertView fire2 = TestAlerts.view(Alert.newBuilder(a).setStartsAt(EP2).build());
        e.accept(resolve1, T0.plus(Duration.ofMinutes(10)));
        e.accept(fire2, EP2);
        return List.of(fire1, resolve1, fire2);
    }

    @Test
    void aResolutionOvertakenByTheNextEpisodeWhileTheReceiverIsDownIsStillDeliveredInOrder() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        Notification first = e.tick(T0.plusSeconds(30)).get(0); // retrying through the outage
        List<AlertView> states = fireResolveFire(e, CHECKOUT_ERRORS);
        assertThat(e.tick(EP2)).as("still one delivery at a time").isEmpty();
        e.delivered(first, EP2.plusSeconds(1));

        List<Notification> next = e.tick(EP2.plus(Duration.ofMinutes(6)));
        assertThat(next).hasSize(1);
        assertThat(next.get(0).alerts()).as("the resolution of episode 1, then episode 2").containsExactly(states.get(1), states.get(2));
        e.delivered(next.get(0), EP2.plus(Duration.ofMinutes(6)));
        assertThat(e.tick(EP2.plus(Duration.ofHours(1)))).as("nothing owed any more").isEmpty();
    }

    @Test
    void whatAFailedDeliverySaidIsOwedWhenOvertakenAndNothingIsSentTwice() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        Notification first = e.tick(T0.plusSeconds(30)).get(0);
        List<AlertView> states = fireResolveFire(e, CHECKOUT_ERRORS);
        e.failed(first, EP2.plusSeconds(1));

        Notification next = e.tick(EP2.plus(Duration.ofMinutes(2))).get(0);
        assertThat(next.alerts()).containsExactlyElementsOf(states);
        e.delivered(next, EP2.plus(Duration.ofMinutes(2)));
        assertThat(e.tick(EP2.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void anEscalationOvertakenWithinAnEpisodeTheReceiverHeardIsSummedUpByTheNewerState() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        Notification first = e.tick(T0.plusSeconds(30)).get(0);
        e.accept(TestAlerts.view(TestAlerts.withSeverity(CHECKOUT_ERRORS, Severity.CRITICAL)), T0.plusSeconds(60));
        AlertView resolved = TestAlerts.view(TestAlerts.resolved(TestAlerts.withSeverity(CHECKOUT_ERRORS, Severity.CRITICAL), T0.plusSeconds(120)));
        e.accept(resolved, T0.plusSeconds(120));
        e.delivered(first, T0.plusSeconds(121));
        assertThat(e.tick(T0.plus(Duration.ofMinutes(10)))).singleElement().extracting(Notification::alerts).isEqualTo(List.of(resolved));
    }

    @Test
    void anAlertTheReceiverNeverHeardOfOwesNothingAndTheOwedBacklogIsBounded() {
        DispatchEngine e = defaultEngine();
        e.accept(TestAlerts.view(SEARCH_ZERO), T0);
        e.accept(TestAlerts.view(TestAlerts.resolved(SEARCH_ZERO, T0.plusSeconds(5))), T0.plusSeconds(5));
        assertThat(e.tick(T0.plusSeconds(30))).as("fired and resolved within group wait: never sent").isEmpty();

        e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        Notification stuck = e.tick(T0.plusSeconds(31)).get(0);
        for (int i = 1; i <= OwedTransitions.MAX; i++) { // a very long outage: MAX episodes fire and resolve behind it
            Instant start = T0.plus(Duration.ofHours(i));
            Alert episode = Alert.newBuilder(CHECKOUT_ERRORS).setStartsAt(start).build();
            e.accept(TestAlerts.view(episode), start);
            e.accept(TestAlerts.view(TestAlerts.resolved(episode, start.plusSeconds(600))), start.plusSeconds(600));
        }
        // owed: 64 firings and 63 resolutions overtaken (the stuck delivery's own state is on its way)
        assertThat(e.drainDropped()).as("reported, not silent").containsEntry("team", (long) OwedTransitions.MAX - 1);
        e.delivered(stuck, T0.plus(Duration.ofDays(5)));
        Notification next = e.tick(T0.plus(Duration.ofDays(5)).plus(Duration.ofMinutes(6))).get(0);
        assertThat(next.alerts()).hasSize(OwedTransitions.MAX + 1);
        assertThat(next.alerts().get(next.alerts().size() - 1).status()).isEqualTo("resolved");
    }

    @Test
    void owedStatesSurviveARestart() {
        DispatchEngine before = defaultEngine();
        before.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        Notification first = before.tick(T0.plusSeconds(30)).get(0);
        List<AlertView> states = fireResolveFire(before, CHECKOUT_ERRORS);
        Map<String, Object> topic = new LinkedHashMap<>(before.drainChanges());

        DispatchEngine after = defaultEngine();
        topic.forEach((k, v) -> after.restore(roundTrip(k, v)));
        after.finishRestore(EP2.plusSeconds(1));
        assertThat(after.pendingDeliveries()).extracting(Notification::id).containsExactly(first.id());
        after.delivered(first, EP2.plusSeconds(2));
        assertThat(after.tick(EP2.plus(Duration.ofMinutes(6))).get(0).alerts()).containsExactly(states.get(1), states.get(2));
    }

    @Test
    void stateWrittenBeforeACrashRebuildsTheSameEngineWithThePendingDeliveryAndItsId() {
        DispatchEngine before = defaultEngine();
        Map<String, Object> topic = new LinkedHashMap<>();
        before.addSilence(new SilenceRequest(List.of(LabelMatcher.equal("segment", "consumer")), null, T0.plus(Duration.ofHours(2)), "me", "test"), T0);
        before.accept(TestAlerts.view(CHECKOUT_ERRORS), T0);
        before.accept(TestAlerts.view(SEARCH_ZERO), T0);
        Notification pending = before.tick(T0.plusSeconds(30)).get(0);
        topic.putAll(before.drainChanges()); // what the transaction committed before the "crash"

        DispatchEngine after = defaultEngine();
        topic.forEach((k, v) -> {
            if (v == null) {
                after.restoreDeleted(k);
            } else {
                after.restore(roundTrip(k, v));
            }
        });
        after.finishRestore(T0.plusSeconds(45));
        assertThat(after.pendingDeliveries()).extracting(Notification::id).containsExactly(pending.id());
        assertThat(after.pendingDeliveries().get(0).alerts()).isEqualTo(pending.alerts());
        assertThat(after.silences()).hasSize(1);
        assertThat(after.tick(T0.plusSeconds(50))).as("still pending, and search is silenced").isEmpty();
        after.delivered(pending, T0.plusSeconds(50));
        assertThat(after.tick(T0.plus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(after.firingAlerts()).isEqualTo(2);
    }

    private static Object roundTrip(String key, Object value) {
        try {
            return StateCodec.decode(key, StateCodec.encode(value));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void replayingTheSameTransitionAfterARestartChangesNothing() {
        DispatchEngine e = defaultEngine();
        assertThat(e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0)).isTrue();
        assertThat(e.accept(TestAlerts.view(CHECKOUT_ERRORS), T0.plusSeconds(1))).isFalse();
        List<String> keys = new ArrayList<>(e.drainChanges().keySet());
        assertThat(keys).containsExactly("alert/" + CHECKOUT_ERRORS.getFingerprint());
    }
}
