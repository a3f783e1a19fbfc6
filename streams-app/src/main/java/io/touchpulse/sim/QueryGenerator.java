package io.touchpulse.sim;

import java.util.SplittableRandom;

/**
 * Natural site-search queries from a catalog vocabulary: single items, multi-word queries with modifiers, support
 * questions, out-of-catalog searches, typos, and reformulations of the previous query. Decides the result count too,
 * including the zero results of a new product line missing from the index during a {@code ZERO_RESULTS} incident.
 * Stateful per search sequence (single-threaded, to avoid allocating a result object per query).
 */
final class QueryGenerator {
    static final int ITEM = 0, SUPPORT = 1, JUNK = 2, NEWLINE = 3;

    private final TextLibrary lib;
    private final int item, modifier, suffix, support, junk, newline;

    /** The last query: its kind, the text without typo, whether it had a typo. */
    int kind;
    String clean;
    boolean typo;

    QueryGenerator(TextLibrary lib) {
        this.lib = lib;
        item = lib.id("query.item");
        modifier = lib.id("query.modifier");
        suffix = lib.id("query.suffix");
        support = lib.id("query.support");
        junk = lib.id("query.junk");
        newline = lib.id("query.newline");
    }

    /** A fresh query; {@code campaign} = a new-product campaign is running for this customer (many "nova" searches). */
    String first(SplittableRandom r, boolean campaign) {
        double u = r.nextDouble();
        double pNew = campaign ? 0.5 : 0.02;
        if (u < pNew) kind = NEWLINE;
        else if (u < pNew + 0.035) kind = JUNK;
        else if (u < pNew + 0.28) kind = SUPPORT;
        else kind = ITEM;
        clean = build(kind, r);
        return typed(r);
    }

    /** A rewrite of the last query after it did not help: fix the typo, drop or add words, try another phrasing. */
    String reformulate(SplittableRandom r) {
        if (typo) {
            typo = false;
            return clean;
        }
        String next = switch (kind) {
            case NEWLINE -> r.nextBoolean() ? lib.expand(newline, r) : clean + (r.nextBoolean() ? " phone" : " buy");
            case JUNK -> {
                if (r.nextBoolean()) yield lib.expand(junk, r);
                kind = ITEM;
                yield lib.expand(item, r);
            }
            case SUPPORT -> lib.expand(support, r);
            default -> {
                int sp = clean.indexOf(' ');
                yield sp > 0 && r.nextBoolean() ? clean.substring(sp + 1) : lib.expand(modifier, r) + " " + clean;
            }
        };
        clean = next.equals(clean) ? clean + " " + lib.expand(suffix, r) : next;
        typo = false;
        return clean;
    }

    /** How many results the last query found; {@code unindexed} = the new product line is missing from the index. */
    int results(SplittableRandom r, boolean unindexed) {
        switch (kind) {
            case NEWLINE:
                return unindexed ? 0 : (int) Math.max(1, Math.round(Dist.logNormal(r, 14, 0.5)));
            case JUNK:
                return r.nextDouble() < 0.85 ? 0 : 1 + r.nextInt(3);
            case SUPPORT:
                return typo && r.nextDouble() < 0.25 ? 0 : (int) Math.max(1, Math.round(Dist.logNormal(r, 6, 0.6)));
            default:
                if (typo ? r.nextDouble() < 0.35 : r.nextDouble() < 0.02) return 0;
                return (int) Math.max(1, Math.round(Dist.logNormal(r, typo ? 12 : 40, 0.9)));
        }
    }

    private String build(int k, SplittableRandom r) {
        switch (k) {
            case NEWLINE: return lib.expand(newline, r);
            case JUNK: return lib.expand(junk, r);
            case SUPPORT: return lib.expand(support, r);
            default:
                double u = r.nextDouble();
                if (u < 0.45) return lib.expand(item, r);
                if (u < 0.75) return lib.expand(modifier, r) + " " + lib.expand(item, r);
                return lib.expand(item, r) + " " + lib.expand(suffix, r);
        }
    }

    /** The clean query as typed: sometimes with a typo, sometimes capitalised. */
    private String typed(SplittableRandom r) {
        typo = kind != JUNK && clean.length() > 3 && r.nextDouble() < 0.08;
        if (!typo) {
            return r.nextDouble() < 0.08 ? Character.toUpperCase(clean.charAt(0)) + clean.substring(1) : clean;
        }
        char[] c = clean.toCharArray();
        int i = 1 + r.nextInt(c.length - 2);
        switch (r.nextInt(4)) {
            case 0 -> { char t = c[i]; c[i] = c[i + 1]; c[i + 1] = t; }          // swapped letters
            case 1 -> { return clean.substring(0, i) + clean.substring(i + 1); } // dropped letter
            case 2 -> { return clean.substring(0, i) + c[i] + clean.substring(i); } // doubled letter
            default -> c[i] = (char) ('a' + r.nextInt(26));                     // wrong key
        }
        String s = new String(c);
        if (s.equals(clean)) typo = false;
        return s;
    }
}
