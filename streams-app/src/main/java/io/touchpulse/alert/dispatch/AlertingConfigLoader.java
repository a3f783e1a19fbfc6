package io.touchpulse.alert.dispatch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the alert delivery file. YAML is a superset of JSON, so one YAML reader takes both.
 * Unknown keys are errors: a misspelt {@code grop_by} silently ignored would route alerts
 * wrongly for months.
 */
public final class AlertingConfigLoader {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private AlertingConfigLoader() {}

    public static AlertingConfig load(Path file) {
        try {
            return parse(java.nio.file.Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read alerting config " + file + ": " + e.getMessage(), e);
        }
    }

    public static AlertingConfig parse(String text, String source) {
        try {
            AlertingConfig c = YAML.readValue(text, AlertingConfig.class);
            if (c == null) {
                throw new IllegalArgumentException("alerting config " + source + " is empty");
            }
            return c;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the message names the field path and the line; our own checks (durations, matchers) surface as the cause
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IllegalArgumentException("alerting config " + source + where + ": "
                    + (cause == e ? e.getOriginalMessage() : cause.getMessage()), e);
        }
    }
}
