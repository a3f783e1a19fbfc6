package io.touchpulse.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.touchpulse.config.ConfigSources;
import io.touchpulse.config.HttpSecurity;
import io.touchpulse.config.TouchpulseConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The optional bearer token on write endpoints, and the request body limit, on the real HTTP server. */
class WriteGuardTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "s3cr3t-write-token-for-tests";
    private final AtomicInteger writes = new AtomicInteger();
    private HttpApi api;

    private final SilenceApi silences = new SilenceApi() {
        @Override
        public String create(String requestJson) {
            writes.incrementAndGet();
            return "{\"id\":\"s1\"}";
        }

        @Override
        public String list(String state) {
            return "[]";
        }

        @Override
        public Optional<String> get(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<String> expire(String id) {
            writes.incrementAndGet();
            return Optional.of("{\"id\":\"" + id + "\"}");
        }
    };

    private int start(HttpSecurity security) {
        PipelineView none = FixedPipeline.empty();
        api = HttpApi.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), silences,
                QuerySources.local(none, InsightsView.NONE), HttpApi.LIVE_INTERVAL, security);
        return api.port();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static HttpResponse<String> send(int port, String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withATokenWritesNeedItAndReadsStayOpen() throws Exception {
        int port = start(new HttpSecurity(TOKEN, 64 * 1024));
        for (String auth : new String[] {null, "Bearer wrong", "Basic " + TOKEN, "Bearer " + TOKEN + "x", TOKEN}) {
            HttpResponse<String> r = send(port, "POST", "/api/silences", auth, "{}");
            assertThat(r.statusCode()).as("POST with " + auth).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"touchpulse\"");
            assertThat(r.body()).contains("\"error\"").doesNotContain(TOKEN);
            assertThat(send(port, "DELETE", "/api/silences/s1", auth, null).statusCode()).as("DELETE with " + auth).isEqualTo(401);
        }
        assertThat(writes).as("nothing reached the silences").hasValue(0);

        assertThat(send(port, "POST", "/api/silences", "Bearer " + TOKEN, "{}").statusCode()).isEqualTo(201);
        assertThat(send(port, "DELETE", "/api/silences/s1", "bearer " + TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(writes).hasValue(2);
        assertThat(send(port, "GET", "/api/silences", null, null).statusCode()).isEqualTo(200);
        assertThat(send(port, "GET", "/api/alerts", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenWritesAreOpenAsBefore() throws Exception {
        int port = start(HttpSecurity.OPEN);
        assertThat(send(port, "POST", "/api/silences", null, "{}").statusCode()).isEqualTo(201);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeAnyRoute() throws Exception {
        int port = start(new HttpSecurity(null, 1024));
        HttpResponse<String> r = send(port, "POST", "/api/silences", null, "{\"comment\":\"" + "x".repeat(2000) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("http.max-body-bytes");
        assertThat(writes).hasValue(0);
        assertThat(send(port, "POST", "/api/silences", null, "{}").statusCode()).isEqualTo(201);
    }

    @Test
    void theTokenComesFromTheEnvironmentAndNeverShowsInTheConfig() {
        Map<String, String> merged = ConfigSources.merge(null, Map.of("TOUCHPULSE_HTTP_WRITE_TOKEN", TOKEN,
                "TOUCHPULSE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";"), Map.of());
        TouchpulseConfig c = TouchpulseConfig.from(merged);
        assertThat(c.httpSecurity().writeToken()).isEqualTo(TOKEN);
        assertThat(c.toString()).doesNotContain(TOKEN).doesNotContain("hunter2").contains("sasl.jaas.config=(hidden)");
        assertThat(TouchpulseConfig.defaultsOnly().httpSecurity().writesOpen()).isTrue();
    }
}
