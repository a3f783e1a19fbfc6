package io.touchpulse.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentTest {

    @Test
    void defaultScheduleRunsTheThreeIncidentsOneAfterAnotherEveryEightyMinutes() {
        List<Incident> s = Incident.defaultSchedule();
        assertThat(s).extracting(Incident::name).containsExactly("checkout-5xx", "search-zero-results", "billing-fee-complaints");
        assertThat(s).extracting(Incident::startOffset).containsExactly(Duration.ofMinutes(8), Duration.ofMinutes(30), Duration.ofMinutes(52));
        assertThat(s).allMatch(i -> i.duration().equals(Duration.ofMinutes(12)) && i.repeatEvery().equals(Duration.ofMinutes(80)));
        assertThat(s).extracting(Incident::segment).containsExactly("premium", "consumer", "small-business");
        assertThat(s).extracting(Incident::touchpoint).containsExactly("checkout", "search", "billing");
        Incident first = s.get(0);
        assertThat(first.activeAt(Duration.ofMinutes(7))).isFalse();
        assertThat(first.activeAt(Duration.ofMinutes(8))).isTrue();
        assertThat(first.activeAt(Duration.ofMinutes(20))).isFalse();
        assertThat(first.activeAt(Duration.ofMinutes(88))).isTrue();
    }

    @Test
    void namedIncidentsForTheCliFlag() {
        assertThat(Incident.named(List.of("none"))).isEmpty();
        List<Incident> one = Incident.named(List.of("login-outage"));
        assertThat(one).singleElement().satisfies(i -> {
            assertThat(i.segment()).isEqualTo("new");
            assertThat(i.touchpoint()).isEqualTo("login");
            assertThat(i.startOffset()).isEqualTo(Duration.ofMinutes(8));
        });
        assertThat(Incident.named(List.of("default"))).isEqualTo(Incident.defaultSchedule());
        assertThat(Incident.named(List.of("checkout-5xx", "login-outage"), Duration.ZERO))
                .extracting(Incident::startOffset).containsExactly(Duration.ZERO, Duration.ofMinutes(22));
        assertThatThrownBy(() -> Incident.named(List.of("checkout-500")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkout-500")
                .hasMessageContaining("checkout-5xx, search-zero-results, billing-fee-complaints, login-outage");
    }
}
