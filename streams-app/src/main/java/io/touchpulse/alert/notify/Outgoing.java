package io.touchpulse.alert.notify;

import java.net.URI;
import java.util.Map;

/** One HTTP POST a format wants sent: where, the exact body bytes (signatures cover them), and headers. */
public record Outgoing(URI uri, String body, Map<String, String> headers) {}
