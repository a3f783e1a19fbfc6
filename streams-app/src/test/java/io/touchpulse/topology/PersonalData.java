package io.touchpulse.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Personal data as customers write it (several formats of each kind), and a scan for it in any output text: the
 * whole value, and the parts that would survive a redaction that matched only part of it (an e-mail's local part, a
 * phone's or card's digit groups of four or more, standing alone, so a counter or a timestamp does not match).
 */
final class PersonalData {
    static final List<String> EMAILS = List.of("jane.doe+cx@example.co.uk", "JOHN_SMITH@Mail.Example.COM", "josé.núñez@correo.es",
            "o'brien@example.ie");
    static final List<String> PHONES = List.of("+44 20 7946 0958", "(555) 123-4567", "+1-202-555-0173", "+33 6 12 34 56 78",
            "07700 900123", "+49 (0)30 12345678", "555.867.5309", "+91 98765 43210", "tel:+14155552671");
    static final List<String> CARDS = List.of("4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "6011 0009 9013 9424",
            "card4012888888881881");
    static final List<String> IBANS = List.of("GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "fr14 2004 1010 0505 0001 3m02 606");
    static final List<String> IPS = List.of("192.168.10.254", "10.0.0.1", "2001:db8::1");
    static final List<String> OTHER = List.of("123-45-6789", "AB 12 34 56 C");
    /**
     * Local parts, and what a redaction that stopped short would leave of the numbers: their tails (a card without its
     * first group, a phone without its country code). Lone 4-digit groups are not scanned for: "0001" and "1010" are
     * in timestamps and counters.
     */
    private static final List<String> FRAGMENTS = List.of("jane.doe", "john_smith", "josé", "núñez", "brien",
            "7946 0958", "123-4567", "555-0173", "12 34 56 78", "900123", "867.5309", "98765", "1111 1111", "0000-0004", "0009 9013",
            "4012888", "WEST 1234", "west1234", "1234 5698", "2004 1010", "3m02", "192.168", "10.0.0", "db8::", "45-6789", "AB 12 34");
    /** Digit runs long enough to be a piece of the value rather than a number an output has for its own reasons. */
    private static final Pattern DIGIT_GROUP = Pattern.compile("\\d{5,}");

    private PersonalData() {}

    static List<String> all() {
        return Stream.of(EMAILS, PHONES, CARDS, IBANS, IPS, OTHER).flatMap(List::stream).toList();
    }

    /** The i-th value, round robin over every kind. */
    static String value(int i) {
        List<String> all = all();
        return all.get(Math.floorMod(i, all.size()));
    }

    /** A sentence with two values of different kinds in it. */
    static String sentence(int i) {
        return "Contact me at " + value(i) + " or " + value(i + 7) + ", thanks.";
    }

    /** Every value or fragment found in {@code text} with some text around it, empty when it is clean. */
    static List<String> find(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>();
        for (String v : all()) {
            hit(text, lower, v, hits);
            Matcher m = DIGIT_GROUP.matcher(v);
            while (m.find()) {
                Matcher alone = Pattern.compile("(?<!\\d)" + m.group() + "(?!\\d)").matcher(text);
                if (alone.find()) {
                    hits.add(m.group() + " (of " + v + ") in \"" + around(text, alone.start()) + "\"");
                }
            }
        }
        for (String f : FRAGMENTS) {
            hit(text, lower, f, hits);
        }
        return hits;
    }

    private static void hit(String text, String lower, String value, List<String> hits) {
        int i = lower.indexOf(value.toLowerCase(Locale.ROOT));
        if (i >= 0) {
            hits.add(value + " in \"" + around(text, i) + "\"");
        }
    }

    private static String around(String text, int i) {
        return text.substring(Math.max(0, i - 60), Math.min(text.length(), i + 60));
    }
}
