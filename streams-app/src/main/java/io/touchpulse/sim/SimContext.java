package io.touchpulse.sim;

import java.util.SplittableRandom;

/** The shared state every generator needs: the single random generator, customers, ids, incidents and the timeline. */
final class SimContext {
    final SplittableRandom rng;
    final Population pop;
    final Ids ids;
    final IncidentBoard board;
    final Timeline timeline = new Timeline();
    final TextComposer texts;

    SimContext(SplittableRandom rng, Population pop, Ids ids, IncidentBoard board, TextComposer texts) {
        this.rng = rng;
        this.pop = pop;
        this.ids = ids;
        this.board = board;
        this.texts = texts;
    }
}
