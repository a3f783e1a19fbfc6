package io.touchpulse.alert.notify;

import java.time.Instant;

/** A receiver reached over HTTP: a {@link Format} says what to post, the {@link HttpSender} posts it. */
public final class HttpReceiver implements Receiver {
    private final String name;
    private final Format format;
    private final HttpSender sender;

    public HttpReceiver(String name, Format format, HttpSender sender) {
        this.name = name;
        this.format = format;
        this.sender = sender;
    }

    @Override
    public String name() {
        return name;
    }

    /** Several requests (PagerDuty) are all sent again on a retry: each is idempotent by its dedup key. */
    @Override
    public void send(Notification n, Instant attemptAt) throws DeliveryException {
        for (Outgoing out : format.render(n, attemptAt)) {
            sender.post(out);
        }
    }
}
