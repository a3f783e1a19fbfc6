package io.touchpulse.alert.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.touchpulse.alert.notify.Json;
import io.touchpulse.http.SilenceApi;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dispatcher's side of {@code /api/silences}: parses requests, runs them on the dispatcher's
 * thread (a silence is persisted before the API answers) and renders silences as JSON in
 * Alertmanager's shape, {@code status.state} included.
 */
public final class SilenceEndpoint implements SilenceApi {
    private final DispatcherService dispatcher;
    private final Clock clock;

    public SilenceEndpoint(DispatcherService dispatcher, Clock clock) {
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public String create(String requestJson) {
        SilenceRequest request;
        try {
            request = Json.MAPPER.readValue(requestJson, SilenceRequest.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new IllegalArgumentException("invalid silence: " + (cause == e ? e.getOriginalMessage() : cause.getMessage()));
        }
        if (request == null) {
            throw new IllegalArgumentException("invalid silence: empty body");
        }
        Silence s = dispatcher.call(engine -> engine.addSilence(request, clock.instant()));
        return Json.write(view(s, clock.instant()));
    }

    @Override
    public String list(String state) {
        List<Silence> all = dispatcher.call(DispatchEngine::silences);
        Instant now = clock.instant();
        return Json.write(all.stream().filter(s -> state == null || state.isBlank() || s.state(now).equals(state))
                .map(s -> view(s, now)).toList());
    }

    @Override
    public Optional<String> get(String id) {
        Optional<Silence> s = dispatcher.call(engine -> engine.silence(id));
        return s.map(x -> Json.write(view(x, clock.instant())));
    }

    @Override
    public Optional<String> expire(String id) {
        Optional<Silence> s = dispatcher.call(engine -> engine.expireSilence(id, clock.instant()));
        return s.map(x -> Json.write(view(x, clock.instant())));
    }

    static Map<String, Object> view(Silence s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", Map.of("state", s.state(now)));
        m.put("matchers", s.matchers());
        m.put("startsAt", s.startsAt());
        m.put("endsAt", s.endsAt());
        m.put("createdBy", s.createdBy());
        m.put("comment", s.comment());
        m.put("updatedAt", s.updatedAt());
        return m;
    }
}
