package io.touchpulse.alert.dispatch;

import io.touchpulse.alert.notify.Json;

import java.io.IOException;

/**
 * Records of the dispatch state topic: the key says what a value is ({@code alert/<fingerprint>},
 * {@code log/<receiver>/<group key>}, {@code silence/<id>}), the value is JSON, so an operator can
 * read the topic with any console consumer. A null value deletes the key (compaction drops it).
 */
final class StateCodec {
    private StateCodec() {}

    static byte[] encode(Object value) {
        try {
            return value == null ? null : Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode dispatch state " + value.getClass().getSimpleName(), e);
        }
    }

    static Object decode(String key, byte[] value) throws IOException {
        Class<?> type;
        if (key.startsWith("alert/")) {
            type = StoredAlert.class;
        } else if (key.startsWith("log/")) {
            type = ReceiverLog.class;
        } else if (key.startsWith("silence/")) {
            type = Silence.class;
        } else {
            throw new IOException("unknown dispatch state key " + key);
        }
        return Json.MAPPER.readValue(value, type);
    }
}
