package io.touchpulse.journey;

import io.touchpulse.schema.CustomerProfile;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rough microbenchmark (a main, not a test): ns per observe() on a mix of interactions and searches over 10,000
 * customers, with and without the encode/decode round trip the store costs, and typical encoded sizes.
 * Run: java -cp (test + runtime classpath) io.touchpulse.journey.JourneyEngineBench
 */
public final class JourneyEngineBench {
    public static void main(String[] args) {
        int customers = 10_000;
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        List<Signal> signals = signals(events, customers, new SplittableRandom(7));
        JourneyEngine engine = new JourneyEngine(JourneyConfig.defaults());
        CustomerProfile profile = Events.profile(30, "silver", 1200);
        for (int round = 0; round < 3; round++) {
            CustomerState[] states = new CustomerState[customers];
            long t0 = System.nanoTime();
            for (Signal s : signals) {
                int c = Integer.parseInt(s.getCustomerId().substring(2));
                states[c] = engine.observe(states[c], s, profile).state();
            }
            long plain = System.nanoTime() - t0;
            byte[][] stored = new byte[customers][];
            t0 = System.nanoTime();
            for (Signal s : signals) {
                int c = Integer.parseInt(s.getCustomerId().substring(2));
                Step step = engine.observe(stored[c] == null ? null : CustomerState.decode(stored[c]), s, profile);
                if (step.stateChanged()) {
                    stored[c] = step.state().encode();
                }
            }
            long stored2 = System.nanoTime() - t0;
            long bytes = 0;
            int max = 0;
            for (byte[] b : stored) {
                bytes += b.length;
                max = Math.max(max, b.length);
            }
            System.out.printf("round %d: %.0f ns/observe in memory, %.0f ns/observe with decode+encode; state mean %d B, max %d B%n",
                    round, (double) plain / events, (double) stored2 / events, bytes / customers, max);
        }
    }

    private static List<Signal> signals(int n, int customers, SplittableRandom r) {
        List<Signal> out = new ArrayList<>(n);
        String[] topics = {"fee", "refund", "delivery", "password", "app"};
        InteractionKind[] kinds = {InteractionKind.CALL, InteractionKind.CHAT, InteractionKind.EMAIL, InteractionKind.SURVEY};
        long t = Events.T0;
        for (int i = 0; i < n; i++) {
            t += 60_000L * customers / 2_000; // ~ every customer a few events a day
            String id = "e" + i;
            String customer = "c-" + r.nextInt(customers);
            if (r.nextDouble() < 0.4) {
                out.add(Signal.newBuilder(Events.search(id, t, "cancel my contract refund", -0.2, "churn")).setCustomerId(customer).build());
                continue;
            }
            Signal.Builder b = r.nextDouble() < 0.2
                    ? Events.outbound(id, t, r.nextBoolean() ? InteractionKind.EMAIL : InteractionKind.CALL).setTags(List.of("marketing"))
                    : Events.text(Events.inbound(id, t, kinds[r.nextInt(kinds.length)]), "Still no refund, I wish you would call back", -0.4, "complaint")
                      .setTopic(topics[r.nextInt(topics.length)]).setOutcome(r.nextBoolean() ? "resolved" : "unresolved")
                      .setCaseId("k" + r.nextInt(3)).setDurationSec(200);
            out.add(b.setCustomerId(customer).build());
        }
        return out;
    }
}
