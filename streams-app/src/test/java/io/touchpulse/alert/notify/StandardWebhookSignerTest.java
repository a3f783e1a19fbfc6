package io.touchpulse.alert.notify;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against the Standard Webhooks specification's published test vector (the one every reference
 * library, Java included, checks: standard-webhooks/standard-webhooks, libraries/*\/ "sign function works").
 */
class StandardWebhookSignerTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationTestVector() {
        assertThat(StandardWebhookSigner.of(SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
        // the prefix is optional, as in the reference libraries
        assertThat(StandardWebhookSigner.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign(ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void headersCarryIdTimestampAndSignature() {
        var h = StandardWebhookSigner.of(SECRET).headers(ID, Instant.ofEpochSecond(TIMESTAMP), BODY);
        assertThat(h).containsEntry("webhook-id", ID).containsEntry("webhook-timestamp", "1614265330").containsEntry("webhook-signature", EXPECTED);
    }

    @Test
    void verifiesLikeTheReferenceLibraries() {
        assertThat(StandardWebhookSigner.verify(SECRET, ID, "1614265330", BODY, EXPECTED)).isTrue();
        // several signatures, space-delimited, one valid (the spec's multi-signature vector)
        String multi = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= " + EXPECTED;
        assertThat(StandardWebhookSigner.verify(SECRET, ID, "1614265330", BODY, multi)).isTrue();
        assertThat(StandardWebhookSigner.verify(SECRET, ID, "1614265331", BODY, EXPECTED)).isFalse();
        assertThat(StandardWebhookSigner.verify(SECRET, ID, "1614265330", BODY + " ", EXPECTED)).isFalse();
        assertThat(StandardWebhookSigner.verify(SECRET, ID, "1614265330", BODY, "v1,invalid_signature")).isFalse();
        assertThat(StandardWebhookSigner.verify(SECRET, ID, "1614265330", BODY, "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")).isFalse();
    }

    @Test
    void rotationSignsWithEveryKey() {
        String other = StandardWebhookSigner.generateSecret();
        String both = StandardWebhookSigner.of(other + " " + SECRET).sign(ID, TIMESTAMP, BODY);
        assertThat(both.split(" ")).hasSize(2).endsWith(EXPECTED);
        assertThat(StandardWebhookSigner.verify(other, ID, "1614265330", BODY, both)).isTrue();
    }

    @Test
    void generatedSecretsAreValidAndShortOrBrokenOnesAreRejectedWithoutShowingThem() {
        assertThat(StandardWebhookSigner.generateSecret()).startsWith("whsec_").hasSize(6 + 44);
        assertThatThrownBy(() -> StandardWebhookSigner.of("whsec_c2hvcnQ=")).hasMessageContaining("24 bytes").hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> StandardWebhookSigner.of("whsec_!!!!secret")).hasMessageContaining("whsec_<base64>").hasMessageNotContaining("!!!!secret");
    }
}
