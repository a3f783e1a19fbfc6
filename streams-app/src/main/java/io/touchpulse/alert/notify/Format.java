package io.touchpulse.alert.notify;

import java.time.Instant;
import java.util.List;

/**
 * Turns a notification into the HTTP requests one kind of receiver understands. Pure: no I/O,
 * so every format is tested on its output alone.
 */
public interface Format {

    /** Usually one request; PagerDuty takes one event per alert. Timestamps and signatures are per attempt. */
    List<Outgoing> render(Notification notification, Instant attemptAt);
}
