package io.touchpulse.journey;

import java.util.List;

/** One recent dissatisfied moment of a customer (any source), for the customer view. */
record Dissatisfaction(long ts, String touchpoint, List<String> reasons) {
}
