package io.touchpulse.journey;

import java.util.List;

/**
 * One request, workaround or "I wish it could..." text from a known customer, weighted by how engaged the customer is.
 * The customer stage emits it; the idea board groups mentions by their terms into {@code Idea} records.
 *
 * @param text   PII-redacted
 * @param terms  normalised terms of the text (as in Signal.terms)
 * @param weight engagement weight, at least 1: engaged, long-tenure and high-value customers weigh more
 */
public record IdeaMention(String eventId, String customerId, String segment, String touchpoint, long timestamp,
                          String text, List<String> terms, double weight) {
}
