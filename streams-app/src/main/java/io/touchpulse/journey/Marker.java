package io.touchpulse.journey;

/** A keyed point in time, e.g. the last REPEAT_CONTACT issue per problem (so it fires once per problem per week). */
record Marker(String key, long ts) {
}
