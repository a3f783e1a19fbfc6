package io.touchpulse.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the alert stage watches touchpoint health: which metrics, where people reach the API from an
 * alert's links, how long resolved alerts stay listed, when a silent touchpoint is forgotten, and
 * the detector's knobs ({@code detect.*} keys without the prefix, parsed by the detector); and whether
 * this instance delivers alerts ({@code alert.delivery}) with which receivers and routes
 * ({@code alert.delivery-config}, a YAML or JSON file; none = to the log).
 */
public record AlertSettings(boolean enabled, List<String> metrics, io.touchpulse.schema.Severity minSeverity, String apiBaseUrl,
                            Duration keepResolved, Duration forgetAfter, Map<String, String> detector,
                            boolean deliveryEnabled, java.nio.file.Path deliveryConfig) {
}
