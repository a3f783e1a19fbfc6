package io.touchpulse.detect;

/**
 * How bad a firing alert is; the same symbols as the {@code Severity} enum of {@code tp.alerts}, so
 * the topology maps it by name. WARNING: clearly off its baseline; CRITICAL: far off, or silent.
 */
public enum Severity {
    INFO, WARNING, CRITICAL
}
