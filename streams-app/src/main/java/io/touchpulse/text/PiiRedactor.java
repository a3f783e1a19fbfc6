package io.touchpulse.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from free text before it leaves the application (signals topic, alert
 * evidence, API): e-mail addresses, payment card numbers (Luhn-checked, so order numbers
 * survive), IBANs, US social security numbers, UK national insurance numbers, IP addresses and
 * phone numbers. Each becomes a placeholder naming its kind ("[email]"), so a reader still sees
 * that the customer gave one.
 */
public final class PiiRedactor {
    /** Unicode letters in both parts ("josé@", "müller@" are addresses too) and an apostrophe in the local part ("o'brien@"). */
    private static final Pattern EMAIL = Pattern.compile("[\\w.+'-]+@[\\w-]+(?:\\.[\\w-]+)+", Pattern.UNICODE_CHARACTER_CLASS);
    /** Digits around, not a word boundary: "card4111111111111111" is a card number glued to a word (Luhn still decides). */
    private static final Pattern CARD = Pattern.compile("(?<!\\d)(?:\\d[ -]?){12,18}\\d(?!\\d)");
    /** Any case; written in capitals it is taken as it is, otherwise its mod-97 check digits must hold ("ab12 cdef ghij" is no IBAN). */
    private static final Pattern IBAN = Pattern.compile("\\b[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\\b");
    /** US SSN in its written form; area 000, 666 and 9xx are never issued, so "900-12-3456" is left alone. */
    private static final Pattern SSN = Pattern.compile("\\b(?!000|666|9\\d\\d)\\d{3}[- ](?!00)\\d{2}[- ](?!0000)\\d{4}\\b");
    /** UK National Insurance number: two letters (not D, F, I, Q, U, V; second not O), six digits, A-D. */
    private static final Pattern NINO = Pattern.compile("\\b(?i:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\\d{2} ?\\d{2} ?\\d{2} ?(?i:[A-D])\\b");
    private static final Pattern IPV4 = Pattern.compile("\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b");
    /** Full or ::-compressed IPv6 with at least three groups (so "10:30" and "12:15:00" are times, not addresses). */
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:])(?:[0-9a-fA-F]{1,4}:){1,7}(?::|(?::[0-9a-fA-F]{1,4}){1,6}|[0-9a-fA-F]{1,4})(?![\\w:])");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w(+])(?:\\+|\\(\\+?)?\\d[\\d ().-]{7,}\\d(?![\\w])");
    /** Dates look like phone numbers to the pattern above: 2026-11-24, 24.11.2026, 11/24/26. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[(?:email|card|iban|ssn|nino|ip|phone)]");

    private PiiRedactor() {}

    /** The redacted text without its placeholders, for term extraction ("[email]" is not something a customer said). */
    public static String withoutPlaceholders(String redacted) {
        return redacted == null || redacted.indexOf('[') < 0 ? redacted : PLACEHOLDER.matcher(redacted).replaceAll(" ");
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        if (!mayContainPii(text)) {
            return text;
        }
        String s = EMAIL.matcher(text).replaceAll("[email]");
        s = replaceCards(s);
        s = replaceIbans(s);
        s = SSN.matcher(s).replaceAll("[ssn]");
        s = NINO.matcher(s).replaceAll("[nino]");
        s = IPV4.matcher(s).replaceAll("[ip]");
        s = replaceIpv6(s);
        return replacePhones(s);
    }

    /**
     * Cheap pre-check: PII needs an '@', a run of digits, a dotted quad (an IPv4 address can have only four digits:
     * "10.0.0.1") or an IPv6-like run of colons; most texts have none.
     */
    private static boolean mayContainPii(String text) {
        int digits = 0;
        int dots = 0;
        int colons = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@') {
                return true;
            }
            boolean digit = Character.isDigit(c);
            boolean separator = c == ' ' || c == '-' || c == '.';
            digits = digit ? digits + 1 : (separator ? digits : 0);
            dots = c == '.' ? dots + 1 : (digit || separator ? dots : 0);
            colons = c == ':' ? colons + 1 : (Character.isLetterOrDigit(c) ? colons : 0);
            if (digits >= 6 || (digits >= 4 && dots >= 3) || colons >= 2) {
                return true;
            }
        }
        return false;
    }

    private static String replaceIbans(String s) {
        Matcher m = IBAN.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String g = m.group();
            boolean iban = g.equals(g.toUpperCase(java.util.Locale.ROOT)) || mod97(g.replace(" ", "").toUpperCase(java.util.Locale.ROOT));
            m.appendReplacement(sb, iban ? "[iban]" : Matcher.quoteReplacement(g));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** ISO 13616 check: the first four characters moved to the end, letters as 10..35, the number mod 97 is 1. */
    static boolean mod97(String iban) {
        String r = iban.substring(4) + iban.substring(0, 4);
        int mod = 0;
        for (int i = 0; i < r.length(); i++) {
            int v = Character.digit(r.charAt(i), 36);
            mod = (v < 10 ? mod * 10 + v : mod * 100 + v) % 97;
        }
        return mod == 1;
    }

    /** An IPv6 match needs a hex digit in it and is not a clock time like "10:30:15". */
    private static String replaceIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return s;
        }
        Matcher m = IPV6.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String g = m.group();
            boolean address = g.contains("::") || g.chars().filter(ch -> ch == ':').count() >= 4;
            m.appendReplacement(sb, address ? "[ip]" : Matcher.quoteReplacement(g));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String replaceCards(String s) {
        Matcher m = CARD.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            m.appendReplacement(sb, luhn(digits) ? "[card]" : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** E.164 numbers have at most 15 digits; longer runs are ids or card-like numbers that failed Luhn, and stay; so do dates. */
    private static String replacePhones(String s) {
        Matcher m = PHONE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            long digits = m.group().chars().filter(Character::isDigit).count();
            boolean phone = digits <= 15 && !DATE.matcher(m.group().strip()).matches();
            m.appendReplacement(sb, phone ? "[phone]" : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }
}
