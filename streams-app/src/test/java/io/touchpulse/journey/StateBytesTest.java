package io.touchpulse.journey;

import io.touchpulse.bytes.ByteWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateBytesTest {
    private static final long NOW = 1_795_000_000_000L;

    @Test
    void everyTimeSurvivesWhateverTheBase() {
        List<Long> times = List.of(CustomerState.NEVER, Long.MAX_VALUE, Long.MIN_VALUE + 1, 0L, -1L, 1L, NOW, NOW - 1, NOW + 86_400_000L,
                NOW - 400L * 86_400_000L);
        for (long base : List.of(NOW, 0L, CustomerState.NEVER, Long.MAX_VALUE, -NOW)) {
            List<Long> all = new ArrayList<>(times);
            all.add(base + ByteWriter.unzigzag(-1L)); // the one time whose code would wrap to NEVER's
            for (long t : all) {
                assertThat(StateBytes.timeOf(StateBytes.timeCode(t, base), base)).as("time %d, base %d", t, base).isEqualTo(t);
            }
        }
        assertThat(StateBytes.timeCode(CustomerState.NEVER, NOW)).isZero();
        assertThat(StateBytes.timeCode(NOW + 60_000, NOW)).as("a minute after the base fits 3 bytes").isLessThan(1L << 21);
    }

    @Test
    void stringsLabelsAndNumbersRoundTrip() {
        StateBytes.Writer w = StateBytes.Writer.start(NOW);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < StateBytes.MAX_LABELS + 10; i++) {
            labels.add("topic-" + (i % (StateBytes.MAX_LABELS + 5)));
        }
        labels.add(null);
        String unicode = "Kündigung 😡 — «nie wieder» 取消";
        w.string(unicode);
        w.string("");
        w.string(null);
        labels.forEach(w::label);
        w.signed(-1);
        w.unsigned(Long.MAX_VALUE);
        w.fixedInt(-7);
        w.time(NOW + 5);
        byte[] bytes = w.toByteArray();

        StateBytes.Reader r = new StateBytes.Reader(bytes, 0);
        r.base(NOW);
        assertThat(r.string()).isEqualTo(unicode);
        assertThat(r.string()).isEmpty();
        assertThat(r.string()).isNull();
        for (String l : labels) {
            assertThat(r.label()).isEqualTo(l);
        }
        assertThat(r.signed()).isEqualTo(-1);
        assertThat(r.unsigned()).isEqualTo(Long.MAX_VALUE);
        assertThat(r.fixedInt()).isEqualTo(-7);
        assertThat(r.time()).isEqualTo(NOW + 5);
        assertThat(r.atEnd()).isTrue();
    }

    @Test
    void aCutOrCorruptBufferIsAClearErrorNotAnOverrun() {
        StateBytes.Writer w = StateBytes.Writer.start(NOW);
        w.string("x".repeat(300));
        byte[] bytes = w.toByteArray();
        assertThatThrownBy(() -> new StateBytes.Reader(Arrays.copyOf(bytes, 100), 0).string())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        byte[] endless = new byte[12];
        Arrays.fill(endless, (byte) 0x80);
        assertThatThrownBy(() -> new StateBytes.Reader(endless, 0).unsigned()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StateBytes.Reader(new byte[] {5}, 0).label()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 5 of 0");
    }
}
