package io.touchpulse.alert.dispatch;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alert delivery file ({@code alert.delivery-config}, YAML or JSON): receivers and a route tree
 * modelled on Alertmanager's, simpler. Field names are camelCase; Alertmanager's snake_case
 * spellings ({@code group_by}, {@code match_re}, …) are accepted too, so a route copied from an
 * Alertmanager config mostly works.
 *
 * @param externalUrl where people reach Touchpulse (links in messages); may be empty
 */
public record AlertingConfig(@JsonAlias("external_url") String externalUrl, Route route, List<Receiver> receivers) {

    /**
     * A node of the route tree. The root matches every alert; a child matching an alert takes it
     * (and its own children are tried first) unless {@code continue} lets later siblings match
     * too. Unset fields inherit from the parent.
     *
     * @param receiver  one receiver (Alertmanager's key); {@code receivers} for several
     * @param match     exact label values: segment, touchpoint, severity, metric
     * @param matchRe   regular expressions on label values (anchored)
     * @param groupBy   labels that split alerts into groups; default segment and touchpoint; {@code ...} = all labels
     */
    public record Route(String receiver, List<String> receivers, Map<String, String> match,
                        @JsonAlias("match_re") Map<String, String> matchRe,
                        @JsonAlias("group_by") List<String> groupBy,
                        @JsonAlias("group_wait") String groupWait,
                        @JsonAlias("group_interval") String groupInterval,
                        @JsonAlias("repeat_interval") String repeatInterval,
                        @JsonProperty("continue") Boolean continueMatching,
                        List<Route> routes) {

        /** Receivers named by either key. */
        public List<String> receiverNames() {
            List<String> names = new ArrayList<>();
            if (receiver != null) {
                names.add(receiver);
            }
            if (receivers != null) {
                receivers.stream().filter(r -> !names.contains(r)).forEach(names::add);
            }
            return names;
        }

        public static Route to(List<String> receivers) {
            return new Route(null, receivers, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * One destination. Its secret (signing key for {@code webhook}, the incoming-webhook URL for
     * {@code slack}, the routing key for {@code pagerduty}, an optional bearer token for
     * {@code alertmanager}) comes from an environment variable or a file, never from this file.
     *
     * @param type webhook | alertmanager-webhook | slack | pagerduty | alertmanager | log
     */
    public record Receiver(String name, String type, String url,
                           @JsonAlias("secret_env") String secretEnv,
                           @JsonAlias("secret_file") String secretFile,
                           String timeout,
                           @JsonAlias("send_resolved") Boolean sendResolved,
                           @JsonAlias("resend_interval") String resendInterval,
                           Retry retry) {

        public static Receiver of(String name, String type, String url) {
            return new Receiver(name, type, url, null, null, null, null, null, null);
        }

        public Receiver withSecretEnv(String env) {
            return new Receiver(name, type, url, env, null, timeout, sendResolved, resendInterval, retry);
        }

        public Receiver withSecretFile(String file) {
            return new Receiver(name, type, url, null, file, timeout, sendResolved, resendInterval, retry);
        }

        public Receiver withRetry(Retry r) {
            return new Receiver(name, type, url, secretEnv, secretFile, timeout, sendResolved, resendInterval, r);
        }

        public Receiver withTimeout(String t) {
            return new Receiver(name, type, url, secretEnv, secretFile, t, sendResolved, resendInterval, retry);
        }

        public Receiver withResendInterval(String r) {
            return new Receiver(name, type, url, secretEnv, secretFile, timeout, sendResolved, r, retry);
        }
    }

    /** Retry pacing of one receiver; unset fields take {@link Backoff#DEFAULT}'s. */
    public record Retry(@JsonAlias("initial_backoff") String initialBackoff,
                        @JsonAlias("max_backoff") String maxBackoff,
                        @JsonAlias("max_attempts") Integer maxAttempts,
                        Double jitter) {}

    /** No file: every alert goes to the log, so a fresh deployment or the demo shows them. */
    public static AlertingConfig defaults() {
        return new AlertingConfig("", Route.to(List.of("log")), List.of(Receiver.of("log", "log", null)));
    }

    public List<Receiver> receiversOrEmpty() {
        return receivers == null ? List.of() : receivers;
    }

    /** This config with one more receiver on the root route (the demo's --webhook and --alertmanager). */
    public AlertingConfig withRootReceiver(Receiver r) {
        List<Receiver> all = new ArrayList<>(receiversOrEmpty());
        all.add(r);
        Route root = route == null ? Route.to(List.of()) : route;
        List<String> names = new ArrayList<>(root.receiverNames());
        names.add(r.name());
        Route newRoot = new Route(null, names, root.match(), root.matchRe(), root.groupBy(), root.groupWait(),
                root.groupInterval(), root.repeatInterval(), root.continueMatching(), root.routes());
        return new AlertingConfig(externalUrl, newRoot, all);
    }

    public AlertingConfig withExternalUrl(String url) {
        return new AlertingConfig(url, route, receivers);
    }
}
