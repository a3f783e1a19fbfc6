package io.touchpulse.journey;

/**
 * A promise the company made to the customer ({@code promise:<what>} tag or a {@code callback-promised} outcome) and
 * what became of it. Immutable: settling it yields a new value.
 *
 * @param dueAt         deadline (event time), Long.MAX_VALUE when it waits for a contradiction
 * @param origin        the interaction that made it
 * @param settledBy     the event that kept or broke it, null while pending or when the deadline broke it
 */
record Promise(String what, long madeAt, long dueAt, Status status, long settledAt, Touch origin, Touch settledBy) {
    enum Status { PENDING, KEPT, BROKEN }

    boolean pending() {
        return status == Status.PENDING;
    }

    Promise settle(Status to, long at, Touch by) {
        return new Promise(what, madeAt, dueAt, to, at, origin, by);
    }

    /**
     * Whether a {@code charged:<thing>} or {@code broken:<thing>} contradicts this promise: the same word, or the
     * promise is about that thing ({@code charged:fee} contradicts {@code fee-waiver}).
     */
    boolean contradictedBy(String thing) {
        return what.equals(thing) || what.startsWith(thing + "-");
    }
}
