package io.touchpulse.topology;

/**
 * Whether an input partition still has records waiting for this instance. A partition without input for the idle
 * timeout stops holding the windows back ({@link PaneCombiner}); one that is merely starved (its share of a backlog
 * not fetched yet while the thread works through another's) must not, or the windows close without its events.
 */
@FunctionalInterface
public interface InputBacklog {
    /** For tests and the driver: nothing is ever waiting beyond what has been processed. */
    InputBacklog NONE = partition -> false;

    /** True if records of this input partition are known to wait, or it cannot be told yet. */
    boolean pending(int partition);
}
