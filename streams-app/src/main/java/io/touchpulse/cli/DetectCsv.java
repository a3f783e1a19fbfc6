package io.touchpulse.cli;

import java.util.Locale;

/**
 * The CSV side of {@code detect}: which columns hold the timestamp and the value (from the header,
 * else the first two), one row parsed into a {@link Row} that carries its problem instead of
 * throwing (a bad row still gets an output row), and the output row. Fields are trimmed and may be
 * double-quoted; the raw (trimmed) text is echoed so the output lines up with the input.
 */
final class DetectCsv {
    static final String HEADER = "timestamp,value,anomaly_score,alert\n";

    private DetectCsv() {
    }

    /** One input row: either parsed ({@code problem == null}) or with the reason it could not be. */
    record Row(int line, String timestamp, String value, long ts, double number, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    /** Column positions; {@code header} tells whether the first line was a header (and so no data). */
    record Columns(int timestamp, int value, boolean header) {
        static final Columns DEFAULT = new Columns(0, 1, false);

        /** Decides from the first non-blank line: a header names its columns, a data line starts with a timestamp. */
        static Columns of(String firstLine) {
            String[] fields = firstLine.split(",", -1);
            try {
                Timestamps.parse(unquote(fields[0]));
                return DEFAULT;
            } catch (IllegalArgumentException notATimestamp) {
                int ts = -1;
                int value = -1;
                for (int i = 0; i < fields.length; i++) {
                    String name = unquote(fields[i]).toLowerCase(Locale.ROOT);
                    if (ts < 0 && (name.equals("timestamp") || name.equals("time") || name.equals("ts"))) {
                        ts = i;
                    } else if (value < 0 && name.equals("value")) {
                        value = i;
                    }
                }
                ts = ts < 0 ? (value == 0 ? 1 : 0) : ts;
                value = value < 0 ? (ts == 0 ? 1 : 0) : value;
                return new Columns(ts, value, true);
            }
        }
    }

    static Row parse(String line, int lineNo, Columns cols) {
        String ts = null;
        String value = null;
        int field = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                if (field == cols.timestamp()) {
                    ts = line.substring(start, i).trim();
                } else if (field == cols.value()) {
                    value = line.substring(start, i).trim();
                }
                field++;
                start = i + 1;
            }
        }
        if (ts == null || value == null) {
            return new Row(lineNo, ts == null ? line.trim() : ts, value == null ? "" : value, 0, Double.NaN,
                    "expected at least " + (Math.max(cols.timestamp(), cols.value()) + 1) + " comma-separated fields, found " + field);
        }
        long epochMs;
        try {
            epochMs = Timestamps.parse(unquote(ts));
        } catch (IllegalArgumentException e) {
            return new Row(lineNo, ts, value, 0, Double.NaN, e.getMessage());
        }
        double v;
        try {
            v = Double.parseDouble(unquote(value));
        } catch (NumberFormatException e) {
            return new Row(lineNo, ts, value, epochMs, Double.NaN, "value '" + value + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            return new Row(lineNo, ts, value, epochMs, v, "value '" + value + "' is not a finite number");
        }
        return new Row(lineNo, ts, value, epochMs, v, null);
    }

    static String unquote(String field) {
        String f = field.trim();
        return f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"' ? f.substring(1, f.length() - 1).trim() : f;
    }

    /** Appends {@code timestamp,value,score,alert}; the score with at most 6 decimals, no exponent. */
    static void append(StringBuilder sb, Row row, double score, boolean alert) {
        sb.append(row.timestamp()).append(',').append(row.value()).append(',');
        long micro = Math.round(score * 1e6);
        if (micro <= 0) {
            sb.append('0');
        } else if (micro >= 1_000_000) {
            sb.append('1');
        } else {
            String digits = Long.toString(micro);
            sb.append("0.");
            for (int i = digits.length(); i < 6; i++) {
                sb.append('0');
            }
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append(digits, 0, end);
        }
        sb.append(',').append(alert ? '1' : '0').append('\n');
    }
}
