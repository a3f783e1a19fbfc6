package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.AlertmanagerApiFormat;
import io.touchpulse.alert.notify.AlertmanagerWebhookFormat;
import io.touchpulse.alert.notify.Format;
import io.touchpulse.alert.notify.HttpReceiver;
import io.touchpulse.alert.notify.HttpSender;
import io.touchpulse.alert.notify.LogReceiver;
import io.touchpulse.alert.notify.PagerDutyFormat;
import io.touchpulse.alert.notify.SlackFormat;
import io.touchpulse.alert.notify.StandardWebhookSigner;
import io.touchpulse.alert.notify.TouchpulseWebhookFormat;
import io.touchpulse.config.Durations;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the receivers of a config, checking each one's type, URL and secret up front. */
public final class Receivers {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_RESEND = Duration.ofMinutes(1);

    private Receivers() {}

    public static Map<String, ReceiverBinding> build(AlertingConfig config, Secrets secrets, HttpClient client) {
        Map<String, ReceiverBinding> out = new LinkedHashMap<>();
        for (AlertingConfig.Receiver r : config.receiversOrEmpty()) {
            if (r.name() == null || r.name().isBlank()) {
                throw new IllegalArgumentException("every receiver needs a name");
            }
            if (out.containsKey(r.name())) {
                throw new IllegalArgumentException("receiver name '" + r.name() + "' is used twice");
            }
            try {
                out.put(r.name(), bind(r, config.externalUrl() == null ? "" : config.externalUrl(), secrets, client));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith("receiver ") ? e : new IllegalArgumentException("receiver " + r.name() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static ReceiverBinding bind(AlertingConfig.Receiver r, String externalUrl, Secrets secrets, HttpClient client) {
        String type = r.type() == null ? "" : r.type();
        Duration timeout = r.timeout() == null ? DEFAULT_TIMEOUT : Durations.parse(r.timeout());
        HttpSender sender = new HttpSender(client, timeout);
        Backoff backoff = backoff(r.retry());
        boolean resolved = r.sendResolved() == null || r.sendResolved();
        String secret = secrets.resolve(r);
        Format format = switch (type) {
            case "log" -> null;
            case "webhook" -> new TouchpulseWebhookFormat(url(r), secret == null ? null : StandardWebhookSigner.of(secret), externalUrl);
            case "alertmanager-webhook" -> new AlertmanagerWebhookFormat(url(r), secret == null ? null : StandardWebhookSigner.of(secret), externalUrl);
            case "slack" -> new SlackFormat(URI.create(required(secret, "the Slack incoming-webhook URL as its secret (secretEnv or secretFile)")), externalUrl);
            case "pagerduty" -> new PagerDutyFormat(r.url() == null ? null : url(r),
                    required(secret, "the PagerDuty routing key as its secret (secretEnv or secretFile)"), externalUrl);
            case "alertmanager" -> new AlertmanagerApiFormat(url(r), secret, externalUrl, resend(r));
            default -> throw new IllegalArgumentException("type '" + type
                    + "' must be one of webhook, alertmanager-webhook, slack, pagerduty, alertmanager, log");
        };
        if (format == null) {
            return new ReceiverBinding(new LogReceiver(r.name()), null, resolved, backoff);
        }
        // Alertmanager groups, waits and repeats by itself and only needs every change at once plus regular re-posts
        Timing timing = type.equals("alertmanager") ? new Timing(Duration.ZERO, Duration.ZERO, resend(r)) : null;
        return new ReceiverBinding(new HttpReceiver(r.name(), format, sender), timing, resolved || type.equals("alertmanager"), backoff);
    }

    private static Duration resend(AlertingConfig.Receiver r) {
        return r.resendInterval() == null ? DEFAULT_RESEND : Durations.parse(r.resendInterval());
    }

    private static URI url(AlertingConfig.Receiver r) {
        if (r.url() == null || r.url().isBlank()) {
            throw new IllegalArgumentException("url is missing");
        }
        URI u = URI.create(r.url().trim());
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
            throw new IllegalArgumentException("url must be http(s)");
        }
        return u;
    }

    private static String required(String secret, String what) {
        if (secret == null) {
            throw new IllegalArgumentException("needs " + what);
        }
        return secret;
    }

    static Backoff backoff(AlertingConfig.Retry r) {
        if (r == null) {
            return Backoff.DEFAULT;
        }
        Backoff d = Backoff.DEFAULT;
        return new Backoff(r.initialBackoff() == null ? d.initial() : Durations.parse(r.initialBackoff()),
                r.maxBackoff() == null ? d.max() : Durations.parse(r.maxBackoff()),
                r.maxAttempts() == null ? d.maxAttempts() : r.maxAttempts(),
                r.jitter() == null ? d.jitter() : r.jitter());
    }
}
