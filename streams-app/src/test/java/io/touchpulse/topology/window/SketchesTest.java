package io.touchpulse.topology.window;

import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SketchesTest {

    @Test
    void hyperLogLogIsAccurateSmallAndLargeAndMergesLikeAUnion() {
        HyperLogLog a = new HyperLogLog();
        HyperLogLog b = new HyperLogLog();
        for (int i = 0; i < 20; i++) {
            a.add("c" + i);
        }
        assertThat(a.estimate()).isEqualTo(20);
        for (int i = 0; i < 50_000; i++) {
            a.add("c" + i);
            b.add("c" + (i + 25_000));
        }
        assertThat((double) a.estimate()).isCloseTo(50_000, within(50_000 * 0.08));
        a.merge(b);
        assertThat((double) a.estimate()).isCloseTo(75_000, within(75_000 * 0.08));
    }

    @Test
    void latencyQuantileWithinTenPercent() {
        LatencyHistogram h = new LatencyHistogram();
        Random r = new Random(1);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(5 + r.nextGaussian());
            h.add((int) values[i]);
        }
        java.util.Arrays.sort(values);
        double exact = values[(int) (0.95 * values.length) - 1];
        assertThat(h.quantile(0.95)).isCloseTo(exact, within(exact * 0.1));
        assertThat(new LatencyHistogram().quantile(0.95)).isNaN();
    }

    @Test
    void termCounterKeepsHeavyHittersUnderChurn() {
        TermCounter t = new TermCounter();
        for (int i = 0; i < 5000; i++) {
            t.add("noise" + i, 1);
            if (i % 10 == 0) {
                t.add("refund", 1);
            }
            if (i % 25 == 0) {
                t.add("login", 1);
            }
        }
        assertThat(t.top(2)).extracting(java.util.Map.Entry::getKey).containsExactly("refund", "login");
    }

    @Test
    void paneAggregateSurvivesSerialisation() {
        PaneAggregate p = new PaneAggregate();
        p.add(Signal.newBuilder().setEventId("e").setTimestamp(Instant.EPOCH).setSource(SignalSource.WEB).setCustomerId("c1")
                .setSegment("s").setTouchpoint("t").setChannel("web").setCompound(0).setLabel("neutral").setHasText(false)
                .setDissatisfied(true).setReasons(List.of("HTTP_5XX")).setTerms(List.of()).setHttpStatus(503).setLatencyMs(250).build());
        p.add(Signal.newBuilder().setEventId("f").setTimestamp(Instant.EPOCH).setSource(SignalSource.SEARCH).setCustomerId("c2")
                .setSegment("s").setTouchpoint("t").setChannel("web").setCompound(-0.5).setLabel("negative").setHasText(true)
                .setDissatisfied(true).setReasons(List.of("ZERO_RESULTS")).setTerms(List.of("nova", "x")).setZeroResults(true).build());
        var before = p.toHealth("s", "t", 0, 300_000);
        var after = PaneAggregate.fromBytes(p.toBytes()).toHealth("s", "t", 0, 300_000);
        assertThat(after).isEqualTo(before);
        assertThat(after.getDistinctCustomers()).isEqualTo(2);
        assertThat(after.getReasonCounts()).containsEntry("HTTP_5XX", 1L).containsEntry("ZERO_RESULTS", 1L);
        assertThat(after.getZeroResultRate()).isEqualTo(1.0);
    }
}
