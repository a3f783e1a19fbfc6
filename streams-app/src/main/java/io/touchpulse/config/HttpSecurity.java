package io.touchpulse.config;

/**
 * Who may change things over HTTP and how much one request may carry. The token is a secret: the
 * record's {@code toString} never shows it, so a config printed by mistake leaks nothing.
 *
 * @param writeToken   the bearer token POST/PUT/PATCH/DELETE require ({@code Authorization: Bearer …});
 *                     null: write endpoints are open (as before), which the app says once at start-up
 * @param maxBodyBytes largest request body accepted (413 above it)
 */
public record HttpSecurity(String writeToken, long maxBodyBytes) {
    public HttpSecurity {
        writeToken = writeToken == null || writeToken.isBlank() ? null : writeToken.trim();
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("http.max-body-bytes must be > 0");
        }
    }

    public static final HttpSecurity OPEN = new HttpSecurity(null, 64 * 1024);

    public boolean writesOpen() {
        return writeToken == null;
    }

    @Override
    public String toString() {
        return "HttpSecurity[writeToken=" + (writeToken == null ? "none" : "(set)") + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
