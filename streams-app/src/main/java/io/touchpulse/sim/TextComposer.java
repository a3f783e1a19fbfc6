package io.touchpulse.sim;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds natural customer texts compositionally from {@link TextLibrary} fragments: opener + clauses by topic and tone
 * + closer, with mixed texts ("the app is fine but checkout keeps timing out"), questions, churn threats, the odd
 * all-caps rant, lower-case chat and contact details for PII redaction — thousands of distinct texts, not a few strings.
 */
final class TextComposer {
    /** How the customer feels in this text. */
    enum Tone { POSITIVE, NEUTRAL, NEGATIVE, MIXED, QUESTION, CHURN }

    /** Where the text was written or said; decides openers and closers. */
    enum Style { CHAT, CALL, EMAIL, VERBATIM }

    static final int TOPIC_SUPPORT = indexOf("support");

    private final TextLibrary lib;
    private final int[] neg, pos, q, neu, inc, idea;
    private final int openChat, openEmail, openCall, endNeg, endPos, closeNeg, closePos, closeQ, churn, but, qLead,
            signEmail, pii, outbound, callback;

    TextComposer(TextLibrary lib) {
        this.lib = lib;
        int n = Segment.SUBJECTS.length;
        neg = new int[n];
        pos = new int[n];
        q = new int[n];
        neu = new int[n];
        inc = new int[n];
        idea = new int[n];
        for (int t = 0; t < n; t++) {
            String topic = Segment.SUBJECTS[t];
            neg[t] = lib.id("neg." + topic);
            pos[t] = lib.id("pos." + topic);
            q[t] = lib.id("q." + topic);
            neu[t] = lib.id("neu." + topic);
            idea[t] = lib.has("idea." + topic) ? lib.id("idea." + topic) : -1;
            String incTopic = topic.equals("app") ? "login" : topic;
            inc[t] = lib.has("incident." + incTopic) ? lib.id("incident." + incTopic) : neg[t];
        }
        openChat = lib.id("open.chat");
        openEmail = lib.id("open.email");
        openCall = lib.id("open.call");
        endNeg = lib.id("end.neg");
        endPos = lib.id("end.pos");
        closeNeg = lib.id("close.neg");
        closePos = lib.id("close.pos");
        closeQ = lib.id("close.q");
        churn = lib.id("churn");
        but = lib.id("but");
        qLead = lib.id("q.lead");
        signEmail = lib.id("sign.email");
        pii = lib.id("pii");
        outbound = lib.id("outbound.marketing");
        callback = lib.id("callback.outbound");
    }

    static int indexOf(String topic) {
        for (int i = 0; i < Segment.SUBJECTS.length; i++) if (Segment.SUBJECTS[i].equals(topic)) return i;
        throw new IllegalArgumentException("unknown topic " + topic);
    }

    /** A marketing e-mail subject line. */
    String marketing(SplittableRandom r) {
        return lib.expand(outbound, r);
    }

    /** What the agent says when making a promised callback. */
    String callback(SplittableRandom r) {
        return lib.expand(callback, r);
    }

    /**
     * @param topic    index into {@link Segment#SUBJECTS}
     * @param incident use the incident-specific complaint fragments for negative clauses
     */
    String compose(Style style, int topic, Tone tone, boolean incident, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(96);
        int opener = switch (style) {
            case CHAT -> openChat;
            case CALL -> openCall;
            case EMAIL -> openEmail;
            case VERBATIM -> -1;
        };
        if (opener >= 0) lib.expand(opener, r, sb);
        boolean capitalise = sb.length() == 0;
        if (!capitalise) sb.append(' ');
        int body = sb.length();
        int negSection = incident && r.nextDouble() < 0.85 ? inc[topic] : neg[topic];
        switch (tone) {
            case NEGATIVE, CHURN -> {
                lib.expand(negSection, r, sb);
                lib.expand(endNeg, r, sb);
                if (r.nextDouble() < 0.3) sentence(sb, r.nextDouble() < 0.5 ? neg[topic] : neg[TOPIC_SUPPORT], r, ".");
                if (tone == Tone.CHURN) sb.append(' ').append(lib.expand(churn, r));
                else if (r.nextDouble() < 0.45) sb.append(' ').append(lib.expand(closeNeg, r));
            }
            case MIXED -> {
                int other = r.nextDouble() < 0.5 ? TOPIC_SUPPORT : r.nextInt(Segment.SUBJECTS.length);
                lib.expand(pos[other == topic ? TOPIC_SUPPORT : other], r, sb);
                String joiner = lib.expand(but, r);
                if (!joiner.startsWith(",")) sb.append(' ');
                sb.append(joiner).append(' ');
                lib.expand(negSection, r, sb);
                sb.append('.');
                if (r.nextDouble() < 0.25) sb.append(' ').append(lib.expand(closeNeg, r));
            }
            case POSITIVE -> {
                lib.expand(pos[topic], r, sb);
                lib.expand(endPos, r, sb);
                if (r.nextDouble() < 0.35) sentence(sb, pos[r.nextDouble() < 0.5 ? TOPIC_SUPPORT : topic], r, ".");
                if (r.nextDouble() < 0.5) sb.append(' ').append(lib.expand(closePos, r));
            }
            case QUESTION -> {
                if (r.nextDouble() < 0.35) {
                    lib.expand(neu[topic], r, sb);
                    sb.append('.');
                    sentence(sb, q[topic], r, "?");
                } else {
                    int lead = sb.length();
                    lib.expand(qLead, r, sb);
                    if (sb.length() > lead) sb.append(' ');
                    lib.expand(q[topic], r, sb);
                    sb.append('?');
                }
                if (r.nextDouble() < 0.45) sb.append(' ').append(lib.expand(closeQ, r));
            }
            case NEUTRAL -> {
                lib.expand(neu[topic], r, sb);
                sb.append('.');
                double more = r.nextDouble();
                if (more < 0.5) sentence(sb, q[topic], r, "?");
                else if (more > 0.85 && idea[topic] >= 0 && style != Style.CALL) idea(sb, idea[topic], (more - 0.85) / 0.15);
            }
        }
        if (capitalise) capitalise(sb, body);
        if (style == Style.EMAIL && r.nextDouble() < 0.6) sb.append(' ').append(lib.expand(signEmail, r));
        if (style != Style.VERBATIM && r.nextDouble() < 0.03) sb.append(' ').append(lib.expand(pii, r));
        String text = sb.toString();
        double quirk = r.nextDouble();
        if ((tone == Tone.NEGATIVE || tone == Tone.CHURN) && quirk < 0.03) return text.toUpperCase(Locale.ROOT);
        if (style == Style.CHAT && quirk > 0.93) return text.toLowerCase(Locale.ROOT);
        return text;
    }

    /**
     * An idea sentence picked by {@code u} in [0, 1), drawing nothing from the generator: ideas were added to the
     * library later, and every other text (and so every incident's signal) stays exactly what it was.
     */
    private void idea(StringBuilder sb, int section, double u) {
        sb.append(' ');
        int start = sb.length();
        lib.expandLine(section, Math.min(lib.size(section) - 1, (int) (u * lib.size(section))), null, sb);
        capitalise(sb, start);
        sb.append('.');
    }

    private void sentence(StringBuilder sb, int section, SplittableRandom r, String end) {
        sb.append(' ');
        int start = sb.length();
        lib.expand(section, r, sb);
        capitalise(sb, start);
        sb.append(end);
    }

    private static void capitalise(StringBuilder sb, int at) {
        if (at >= 0 && at < sb.length()) sb.setCharAt(at, Character.toUpperCase(sb.charAt(at)));
    }
}
