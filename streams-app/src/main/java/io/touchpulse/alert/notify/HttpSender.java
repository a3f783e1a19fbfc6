package io.touchpulse.alert.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Posts one {@link Outgoing} with the JDK client and turns every way it can fail into a
 * {@link DeliveryException}. Messages never contain the URL: for Slack the URL is the secret.
 */
public final class HttpSender {
    private static final int MAX_ERROR_BODY = 200;

    private final HttpClient client;
    private final Duration timeout;

    public HttpSender(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * HTTP/1.1 (no h2c upgrade dance with small receivers), no redirects (a moved webhook should be
     * reconfigured, not followed with a signed body), and a connect timeout so a dead host fails fast.
     */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public void post(Outgoing out) throws DeliveryException {
        HttpRequest.Builder b = HttpRequest.newBuilder(out.uri()).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Touchpulse")
                .POST(HttpRequest.BodyPublishers.ofString(out.body(), StandardCharsets.UTF_8));
        out.headers().forEach(b::header);
        HttpResponse<String> response;
        try {
            response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("timed out after " + timeout.toMillis() + " ms", true, null, null);
        } catch (IOException e) {
            // the cause is not attached: its message and stack may name the URL, which for Slack is the secret
            throw new DeliveryException("connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + masked(e.getMessage(), out.uri())), true, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true, null, null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        DeliveryException failure = DeliveryException.forStatus(status, retryAfter(response));
        String body = response.body() == null ? "" : response.body().strip();
        throw new DeliveryException(failure.getMessage() + (body.isEmpty() ? "" : ": "
                + masked(body.substring(0, Math.min(MAX_ERROR_BODY, body.length())), out.uri())), failure.retryable(), failure.retryAfter(), null);
    }

    /** {@code message} with the URL, and its path and query (where Slack's secret is), replaced by {@code <url>}. */
    static String masked(String message, java.net.URI uri) {
        String m = message.replace(uri.toString(), "<url>");
        for (String part : new String[] {uri.getRawPath(), uri.getPath(), uri.getRawQuery()}) {
            if (part != null && part.length() > 1) {
                m = m.replace(part, "<url>");
            }
        }
        return m;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> v = response.headers().firstValue("Retry-After");
        if (v.isEmpty()) {
            return null;
        }
        String s = v.get().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(s)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
