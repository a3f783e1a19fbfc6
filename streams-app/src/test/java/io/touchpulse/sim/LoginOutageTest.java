package io.touchpulse.sim;

import io.touchpulse.schema.WebTraffic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional login-outage: new customers fail to sign in on the web login page and the app's login screen. */
class LoginOutageTest {
    @Test
    void loginOutageHitsNewCustomersOnLoginAndMobileAppOnly() {
        Instant start = Instant.parse("2025-03-04T10:00:00Z");
        Simulator sim = new Simulator(new SimConfig(9, start, 5000, 150, Incident.named(List.of("login-outage"), Duration.ofMinutes(10))));
        RecordingSink sink = new RecordingSink();
        sim.emitProfiles(sink);
        sim.advance(Duration.ofMinutes(22), sink);
        Predicate<WebTraffic> during = e -> !e.getTimestamp().isBefore(start.plus(Duration.ofMinutes(10)));
        Predicate<WebTraffic> before = during.negate();
        for (String tp : List.of("login", "mobile-app")) {
            Predicate<WebTraffic> target = e -> e.getTouchpoint().equals(tp) && sink.segmentOf(e.getCustomerId()).equals("new");
            Predicate<WebTraffic> others = e -> e.getTouchpoint().equals(tp) && !sink.segmentOf(e.getCustomerId()).equals("new");
            double hit = IncidentEffectTest.share(sink.web, during.and(target), IncidentEffectTest::is5xx);
            double base = IncidentEffectTest.share(sink.web, before.and(target), IncidentEffectTest::is5xx);
            double rest = IncidentEffectTest.share(sink.web, during.and(others), IncidentEffectTest::is5xx);
            System.out.printf("login-outage on %s: new 5xx %.3f during vs %.3f before; others %.3f%n", tp, hit, base, rest);
            assertThat(hit).isGreaterThan(0.08).isGreaterThan(5 * base);
            assertThat(rest).isLessThan(0.03);
        }
    }
}
