package io.touchpulse.sim;

import java.util.SplittableRandom;

/**
 * The search part of a visit: a query, its results page, maybe a click, and reformulations when nothing useful came
 * back. During a {@code ZERO_RESULTS} incident the hit segment searches the new, un-indexed product line and gets nothing.
 */
final class SearchSteps {
    private final SimContext ctx;
    private final Session s;
    private final QueryGenerator queries;

    SearchSteps(SimContext ctx, Session s) {
        this.ctx = ctx;
        this.s = s;
        this.queries = new QueryGenerator(TextLibraryHolder.LIB);
    }

    /** Runs a search sequence; {@code campaign} = incident-driven search for the new line. Returns whether a result was clicked. */
    boolean run(boolean campaign, SplittableRandom r) {
        Incident incident = ctx.board.find(ctx.board.mask(s.t), Incident.Effect.ZERO_RESULTS, s.visible, Touchpoints.SEARCH);
        boolean unindexed = incident != null;
        String query = queries.first(r, unindexed && (campaign || r.nextDouble() < 0.9));
        boolean reformulated = false;
        for (int attempt = 0; attempt < 5; attempt++) {
            int status = s.visit(Touchpoints.SEARCH, s.app ? "app/search" : "/search");
            if (WebBehaviour.failed(status)) return false;
            int results = queries.results(r, unindexed);
            Boolean clicked = results > 0 ? (Boolean) (r.nextDouble() < 0.62) : Boolean.FALSE;
            if (r.nextDouble() < 0.08) clicked = null; // click tracking blocked
            s.search(query, results, reformulated, clicked);
            if (Boolean.TRUE.equals(clicked)) return true;
            double again = results == 0 ? (unindexed ? 0.75 : 0.55) : 0.2;
            if (attempt == 4 || r.nextDouble() >= again) {
                if (results == 0) s.hurt(Session.topicOf(Touchpoints.SEARCH), incident, -0.03);
                return results > 0 && r.nextDouble() < 0.5;
            }
            query = queries.reformulate(r);
            reformulated = true;
        }
        return false;
    }
}
