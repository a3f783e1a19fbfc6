package io.touchpulse.sim;

import java.util.SplittableRandom;

/**
 * How each web/app touchpoint answers normally: log-normal latency, a baseline of 4xx and rare 5xx, 304s for cached
 * pages; and how an {@link Incident.Effect#ERROR_SURGE} degrades it (many 5xx, requests that never complete, 3-4× latency).
 */
final class WebBehaviour {
    private record Profile(double medianMs, double sigma, double p5xx, double p4xx, int[] codes4xx, double p304) {
    }

    private static final int[] C5XX = {500, 500, 502, 503, 503, 504};

    private static final Profile HOME = new Profile(110, 0.45, 0.003, 0.004, new int[]{404}, 0.18);
    private static final Profile SEARCH = new Profile(210, 0.55, 0.005, 0.006, new int[]{400, 429}, 0.02);
    private static final Profile PRODUCT = new Profile(160, 0.50, 0.004, 0.020, new int[]{404, 404, 410}, 0.15);
    private static final Profile CHECKOUT = new Profile(340, 0.55, 0.008, 0.025, new int[]{400, 409, 422, 422}, 0.0);
    private static final Profile LOGIN = new Profile(180, 0.50, 0.005, 0.060, new int[]{401, 401, 401, 403, 429}, 0.0);
    private static final Profile BILLING = new Profile(290, 0.60, 0.006, 0.012, new int[]{403, 404}, 0.05);
    private static final Profile APP = new Profile(240, 0.70, 0.006, 0.015, new int[]{401, 404, 408}, 0.08);

    private WebBehaviour() {
    }

    private static Profile of(String tp) {
        return switch (tp) {
            case Touchpoints.HOME -> HOME;
            case Touchpoints.SEARCH -> SEARCH;
            case Touchpoints.PRODUCT -> PRODUCT;
            case Touchpoints.CHECKOUT -> CHECKOUT;
            case Touchpoints.LOGIN -> LOGIN;
            case Touchpoints.BILLING -> BILLING;
            default -> APP;
        };
    }

    /** HTTP status for a request; {@code surge} > 0 during an error-surge incident (its intensity). */
    static int status(String tp, double surge, SplittableRandom r) {
        Profile p = of(tp);
        double p5 = p.p5xx + (surge > 0 ? Math.min(0.9, 0.32 * surge) : 0);
        double u = r.nextDouble();
        if (u < p5) {
            if (surge > 0 && r.nextDouble() < 0.15) return 0;
            return C5XX[r.nextInt(C5XX.length)];
        }
        u -= p5;
        if (u < p.p4xx) return p.codes4xx[r.nextInt(p.codes4xx.length)];
        u -= p.p4xx;
        if (u < 0.0008) return 0; // client gave up, network drop
        return u < p.p304 ? 304 : 200;
    }

    /** Latency in ms for a request that got {@code status}. */
    static int latency(String tp, int status, double surge, SplittableRandom r) {
        Profile p = of(tp);
        if (status == 0) return 30_000;
        if (status == 504) return 10_000 + r.nextInt(20_000);
        double median = p.medianMs * (status == 304 ? 0.35 : 1.0) * (surge > 0 ? 1.0 + 2.8 * surge : 1.0);
        return Dist.clamp(Math.round(Dist.logNormal(r, median, p.sigma)), 3, 60_000);
    }

    static boolean failed(int status) {
        return status == 0 || status >= 500;
    }
}
