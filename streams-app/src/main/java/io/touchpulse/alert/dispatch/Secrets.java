package io.touchpulse.alert.dispatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Resolves a receiver's secret from the environment variable or the file its config names.
 * Errors name the variable or file and the receiver, never a value.
 */
public final class Secrets {
    private final Function<String, String> env;

    public Secrets(Function<String, String> env) {
        this.env = env;
    }

    public static Secrets fromEnvironment() {
        return new Secrets(System::getenv);
    }

    /** The secret, or null when the receiver names none. */
    public String resolve(AlertingConfig.Receiver r) {
        if (r.secretEnv() != null && r.secretFile() != null) {
            throw new IllegalArgumentException("receiver " + r.name() + ": set secretEnv or secretFile, not both");
        }
        if (r.secretEnv() != null) {
            String v = env.apply(r.secretEnv());
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException("receiver " + r.name() + ": environment variable " + r.secretEnv() + " (secretEnv) is not set");
            }
            return v.trim();
        }
        if (r.secretFile() != null) {
            try {
                String v = Files.readString(Path.of(r.secretFile()), StandardCharsets.UTF_8).trim();
                if (v.isEmpty()) {
                    throw new IllegalArgumentException("receiver " + r.name() + ": secret file " + r.secretFile() + " is empty");
                }
                return v;
            } catch (IOException e) {
                throw new IllegalArgumentException("receiver " + r.name() + ": cannot read secret file " + r.secretFile()
                        + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return null;
    }
}
