package io.touchpulse.alert.notify;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** A delivery error never repeats the receiver's URL: for Slack its path is the secret. */
class HttpSenderMaskTest {
    @Test
    void theUrlAndItsPathAreMaskedInErrorMessages() {
        URI slack = URI.create("https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX?x=1");
        String masked = HttpSender.masked("refused by " + slack + "; retry /services/T000/B000/XXXXsecretXXXX later, q x=1", slack);
        assertThat(masked).doesNotContain("XXXXsecretXXXX").doesNotContain("x=1").contains("<url>");
        assertThat(HttpSender.masked("HTTP 503", URI.create("http://127.0.0.1:9/"))).isEqualTo("HTTP 503");
    }
}
