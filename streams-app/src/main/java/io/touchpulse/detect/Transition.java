package io.touchpulse.detect;

/**
 * What changed in the alert of one key with this verdict: the topology emits an alert record for
 * every transition except NONE (FIRING for FIRED and SEVERITY_CHANGED, RESOLVED for RESOLVED).
 */
public enum Transition {
    NONE, FIRED, RESOLVED, SEVERITY_CHANGED
}
