/**
 * Degradation and anomaly detection, streaming, per key, in constant memory; plain Java (no Kafka
 * types), used by the topology (one call per window per segment × touchpoint × metric) and by the
 * {@code detect} command (one call per CSV row), so both judge alike.
 *
 * <h2>API</h2>
 * <pre>{@code
 * Detector latency = new Detector(DetectorConfig.builder().direction(Direction.UP).build());
 * State s = State.decode(bytesFromTheStore);          // or latency.newState() for a new key
 * Verdict v = latency.observe(s, windowEnd, p95Ms);   // levels
 * //          rates.observeRate(s, windowEnd, dissatisfied, events)
 * //          volume.observeCount(s, windowEnd, events)
 * //          volume.tick(s, now)                      // no window for this key: silence?
 * store.put(key, s.encode());
 * if (v.transition() != Transition.NONE) emit an alert (FIRING or RESOLVED) with v.severity(), v.expected(), v.anomalyScore()
 * }</pre>
 * A {@link io.touchpulse.detect.Detector} is immutable and thread-safe (one per metric); a
 * {@link io.touchpulse.detect.State} is mutable and belongs to one key; a
 * {@link io.touchpulse.detect.Verdict} says what the window looked like and what changed.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Baseline</b>: exponentially weighted level and noise, learned robustly (errors
 *       winsorised at 3σ, so one outlier moves it a bounded step), optionally with an additive
 *       seasonal profile of 24 hour-of-day or 168 hour-of-week buckets (Holt-Winters without trend,
 *       batch-initialised over the first period, noise per bucket). AUTO runs plain, daily and
 *       weekly side by side and uses a seasonal one only once it predicts clearly better on
 *       windows without an alert.</li>
 *   <li><b>Tests</b>: z against the baseline for levels; the binomial score test with learned
 *       overdispersion for rates (volume-aware: 3/10 is not 3000/10000); z with a Poisson floor
 *       for counts; silence when a key sends nothing for {@code silenceWindows} intervals. Minimum
 *       effect sizes cap the evidence of trivial changes, so huge volumes do not alert on them.</li>
 *   <li><b>Evidence</b> (z units, one threshold for all): the window's own z; a CUSUM for
 *       sustained small shifts and drifts; a burst test on onsets of unusual windows. Series whose
 *       spikes are routine (more than ~1% of windows) judge a spike by how often one that big
 *       happens there (a learned log-normal of spike sizes), not by Gaussian tails.</li>
 *   <li><b>Hysteresis</b>: fire after {@code fireWindows} anomalous windows (one if beyond the
 *       immediate threshold, or a burst), resolve after {@code resolveWindows} windows below the
 *       lower resolve threshold; severity escalates at once, de-escalates slowly.</li>
 *   <li><b>No learning from incidents</b>: the baseline in use is frozen while its alert fires;
 *       a change that outlasts {@code relearnAfter} windows becomes the new baseline, so a
 *       permanent level shift resolves instead of firing forever. The old baseline is remembered
 *       for a while: if the metric returns to it (a long outage that ended), the relearn is undone
 *       instead of alerting on the return.</li>
 *   <li><b>Score</b>: {@code z⁴ / (z⁴ + t⁴)} of the strongest evidence, t the fire threshold:
 *       about 0 for ordinary windows, 0.5 at the threshold, monotone; 0 during warm-up.</li>
 *   <li><b>State</b>: {@link io.touchpulse.detect.State#encode()} writes a version byte, then the
 *       fields (floats for the seasonal buckets): about 0.2 KB plain, 2.3 KB with AUTO.</li>
 * </ul>
 */
package io.touchpulse.detect;
