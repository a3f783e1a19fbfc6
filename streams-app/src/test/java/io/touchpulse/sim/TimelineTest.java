package io.touchpulse.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    /** What the timeline must do: everything due before the end, by timestamp, then by the order it was added. */
    private record Pending(long ts, long seq, String key) {
    }

    @Test
    void emitsExactlyWhatIsDueInTimestampThenAdditionOrderWhateverTheGapsAndLateAdditions() {
        SplittableRandom random = new SplittableRandom(7);
        Timeline timeline = new Timeline();
        List<Pending> model = new ArrayList<>();
        long now = 1_700_000_000_000L;
        long seq = 0;
        for (int step = 0; step < 3_000; step++) {
            int adds = random.nextInt(40);
            for (int i = 0; i < adds; i++) {
                long ts = switch (random.nextInt(10)) {
                    case 0 -> now - random.nextInt(5_000);                  // already overdue
                    case 1 -> now + random.nextLong(3_600_000L * 48);       // days ahead
                    case 2 -> now + random.nextInt(3);                      // same millisecond as others
                    default -> now + random.nextInt(600_000);               // within minutes
                };
                String key = ts + "#" + seq;
                model.add(new Pending(ts, seq++, key));
                timeline.web(ts, key, null);
            }
            // steps of a millisecond to hours, now and then not moving at all
            long advance = random.nextInt(20) == 0 ? random.nextLong(7_200_000L) : random.nextInt(3) == 0 ? 0 : random.nextInt(4_000);
            now += advance;
            long end = now;
            List<String> expected = model.stream().filter(p -> p.ts < end)
                    .sorted(Comparator.comparingLong(Pending::ts).thenComparingLong(Pending::seq)).map(Pending::key).toList();
            model.removeIf(p -> p.ts < end);
            RecordingSink sink = new RecordingSink().keepLog();
            long n = timeline.drainBefore(end, sink);
            assertThat(sink.log).as("step %d", step).containsExactlyElementsOf(expected.stream().map(k -> "W|" + k + "|null").toList());
            assertThat(n).isEqualTo(expected.size());
            assertThat(timeline.pending()).isEqualTo(model.size());
        }
        assertThat(model).as("the test left events far ahead pending").isNotEmpty();
    }

    @Test
    void anEmptyTimelineDrainsNothingAndAcceptsEventsBeforeTheLastEnd() {
        Timeline timeline = new Timeline();
        RecordingSink sink = new RecordingSink().keepLog();
        assertThat(timeline.drainBefore(10_000, sink)).isZero();
        timeline.web(5_000, "b", null);
        timeline.web(4_000, "a", null);
        timeline.web(10_000, "c", null);
        assertThat(timeline.drainBefore(10_000, sink)).isEqualTo(2);
        assertThat(sink.log).containsExactly("W|a|null", "W|b|null");
        assertThat(timeline.pending()).isEqualTo(1);
    }
}
