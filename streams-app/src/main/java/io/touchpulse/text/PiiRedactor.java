package io.touchpulse.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from free text before it leaves the application (signals topic, alert
 * evidence, API): e-mail addresses, payment card numbers (Luhn-checked, so order numbers
 * survive), IBANs and phone numbers.
 */
public final class PiiRedactor {
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w])\\+?\\d[\\d ().-]{7,}\\d(?![\\w])");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\[(?:email|card|iban|phone)]");

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
        s = IBAN.matcher(s).replaceAll("[iban]");
        return replacePhones(s);
    }

    /** Cheap pre-check: PII needs an '@' or a run of digits; most texts have neither. */
    private static boolean mayContainPii(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@') {
                return true;
            }
            digits = Character.isDigit(c) ? digits + 1 : (c == ' ' || c == '-' ? digits : 0);
            if (digits >= 7) {
                return true;
            }
        }
        return false;
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

    /** E.164 numbers have at most 15 digits; longer runs are ids or card-like numbers that failed Luhn, and stay. */
    private static String replacePhones(String s) {
        Matcher m = PHONE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            long digits = m.group().chars().filter(Character::isDigit).count();
            m.appendReplacement(sb, digits <= 15 ? "[phone]" : Matcher.quoteReplacement(m.group()));
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
