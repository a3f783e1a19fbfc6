package io.touchpulse.cli;

/**
 * Parses the timestamps {@code detect} accepts, by hand because java.time would cost more than the
 * detector itself at a million rows: {@code 2014-04-10 00:02:00}, ISO-8601 {@code 2014-04-10T00:02:00Z}
 * or with an offset ({@code +02:00}, {@code +0200}), optional fraction of a second, optional seconds,
 * a bare date, or epoch seconds / milliseconds. Timestamps without a zone are taken as UTC, which
 * keeps the hour of day as written for the seasonal profile.
 */
final class Timestamps {
    private Timestamps() {
    }

    /** Epoch milliseconds of {@code s} (already trimmed), or an IllegalArgumentException saying what is wrong. */
    static long parse(String s) {
        int n = s.length();
        if (n == 0) {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (n < 10 || s.charAt(4) != '-') {
            return epoch(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        expect(s, 7, '-');
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw bad(s, "no such date");
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int millis = 0;
        int i = 10;
        if (i < n && (s.charAt(i) == ' ' || s.charAt(i) == 'T' || s.charAt(i) == 't')) {
            hour = digits(s, 11, 2);
            expect(s, 13, ':');
            minute = digits(s, 14, 2);
            i = 16;
            if (i < n && s.charAt(i) == ':') {
                second = digits(s, 17, 2);
                i = 19;
                if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int scale = 100;
                    for (i++; i < n && Character.isDigit(s.charAt(i)); i++) {
                        millis += (s.charAt(i) - '0') * scale;
                        scale /= 10;
                    }
                }
            }
            if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute | second | millis) != 0)) {
                throw bad(s, "no such time of day");
            }
        }
        long offsetSeconds = 0;
        if (i < n) {
            offsetSeconds = offset(s, i);
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 3600 + minute * 60L + Math.min(second, 59) - offsetSeconds) * 1000 + millis;
    }

    private static long offset(String s, int i) {
        char c = s.charAt(i);
        if ((c == 'Z' || c == 'z') && i == s.length() - 1) {
            return 0;
        }
        if ((c == '+' || c == '-') && (s.length() - i == 6 || s.length() - i == 5 || s.length() - i == 3)) {
            int h = digits(s, i + 1, 2);
            int m = s.length() - i == 3 ? 0 : digits(s, s.length() - 2, 2);
            if (s.length() - i == 6) {
                expect(s, i + 3, ':');
            }
            if (h > 18 || m > 59) {
                throw bad(s, "no such zone offset");
            }
            return (c == '-' ? -1 : 1) * (h * 3600L + m * 60L);
        }
        throw bad(s, "unexpected '" + s.substring(i) + "' after the time");
    }

    private static long epoch(String s) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v) || v < 0) {
                throw bad(s, "not a date-time");
            }
            return v < 1e11 ? Math.round(v * 1000) : Math.round(v); // seconds up to the year 5138, else millis
        } catch (NumberFormatException e) {
            throw bad(s, "not a date-time (expected like 2014-04-10 00:02:00 or 2014-04-10T00:02:00Z)");
        }
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            throw bad(s, "too short");
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(s, "'" + c + "' where a digit belongs");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(String s, int at, char c) {
        if (at >= s.length() || s.charAt(at) != c) {
            throw bad(s, "expected '" + c + "' at position " + (at + 1));
        }
    }

    private static IllegalArgumentException bad(String s, String why) {
        return new IllegalArgumentException("timestamp '" + s + "': " + why);
    }

    private static int daysInMonth(int y, int m) {
        return m == 2 ? ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31);
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
