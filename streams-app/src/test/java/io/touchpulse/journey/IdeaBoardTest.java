package io.touchpulse.journey;

import io.touchpulse.schema.Idea;
import io.touchpulse.text.Terms;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grouping idea mentions into ideas: the same wish in other words joins, another wish stays apart, weights add up. */
class IdeaBoardTest {
    private final IdeaBoard board = new IdeaBoard(IdeaBoard.DEFAULT_CAPACITY);
    private long time = 1_770_000_000_000L;

    private static IdeaMention mention(String customer, String text, double weight, long at) {
        return new IdeaMention("e-" + customer + "-" + at, customer, "premium", "mobile-app", at, text, Terms.of(text), weight);
    }

    private IdeaGroup add(String customer, String text, double weight) {
        return board.add(mention(customer, text, weight, time += 60_000)).orElseThrow().idea();
    }

    @Test
    void theSameWishInOtherWordsIsOneIdeaAndDarkModeAnother() {
        IdeaGroup a = add("c1", "I wish I could export my statements to CSV", 1);
        IdeaGroup b = add("c2", "please add CSV export for statements", 3);
        IdeaGroup c = add("c3", "would be great to export statements as csv", 2);
        IdeaGroup d = add("c4", "dark mode please", 1.5);

        assertThat(b.ideaId).isEqualTo(a.ideaId);
        assertThat(c.ideaId).isEqualTo(a.ideaId);
        assertThat(d.ideaId).isNotEqualTo(a.ideaId);
        assertThat(board.ideas()).hasSize(2);

        Idea csv = a.toIdea();
        assertThat(csv.getMentions()).isEqualTo(3);
        assertThat(csv.getCustomers()).isEqualTo(3);
        assertThat(csv.getWeight()).isEqualTo(6.0);
        assertThat(csv.getTheme()).contains("export").contains("csv").doesNotContain("wish", "please", "great");
        assertThat(csv.getTerms()).contains("export", "statement", "csv").doesNotContain("wish", "please", "would");
        assertThat(csv.getTouchpoints()).containsEntry("mobile-app", 3L);
        assertThat(csv.getSegments()).containsEntry("premium", 3L);
        assertThat(csv.getFirstSeen()).isBefore(csv.getLastSeen());

        Idea dark = d.toIdea();
        assertThat(dark.getTheme()).isEqualTo("dark mode");
        assertThat(dark.getWeight()).isEqualTo(1.5);
    }

    @Test
    void examplesComeFromTheHighestWeightsOnePerCustomer() {
        add("c1", "I wish I could export my statements to CSV", 1);
        add("c2", "please add CSV export for statements", 5);
        add("c3", "would be great to export statements as csv", 2);
        add("c2", "still waiting for csv export of my statements", 4);
        IdeaGroup g = add("c4", "export statements to csv please", 3);
        assertThat(g.toIdea().getExamples()).containsExactly(
                "please add CSV export for statements", "export statements to csv please", "would be great to export statements as csv");
        assertThat(g.toIdea().getCustomers()).isEqualTo(4);
        assertThat(g.toIdea().getMentions()).isEqualTo(5);
    }

    @Test
    void aSharedPhraseNamesTheIdea() {
        add("c1", "add dark mode", 1);
        add("c2", "dark mode for the night", 1);
        IdeaGroup g = add("c3", "the app needs a dark mode", 1);
        assertThat(g.toIdea().getTheme()).isEqualTo("dark mode");
        assertThat(g.toIdea().getMentions()).isEqualTo(3);
    }

    @Test
    void aMentionWithoutInformativeWordsIsSkipped() {
        assertThat(board.add(mention("c1", "please add this, would be great", 1, time))).isEmpty();
        assertThat(board.ideas()).isEmpty();
    }

    @Test
    void aBadWeightCountsAsOne() {
        IdeaGroup g = board.add(mention("c1", "dark mode please", Double.NaN, time)).orElseThrow().idea();
        board.add(mention("c2", "dark mode please", 0.2, time + 1));
        assertThat(g.toIdea().getWeight()).isEqualTo(2.0);
    }

    @Test
    void theBoardIsBoundedAndForgetsTheLeastWeightyFirst() {
        IdeaBoard small = new IdeaBoard(2);
        IdeaGroup heavy = small.add(mention("c1", "dark mode please", 10, time)).orElseThrow().idea();
        IdeaGroup light = small.add(mention("c2", "export statements to csv", 1, time + 1)).orElseThrow().idea();
        IdeaBoard.Update u = small.add(mention("c3", "apple pay at checkout", 1, time + 2)).orElseThrow();
        assertThat(u.evicted()).containsExactly(light.ideaId);
        assertThat(small.ideas()).extracting(g -> g.ideaId).containsExactlyInAnyOrder(heavy.ideaId, u.idea().ideaId);
    }

    @Test
    void ideaIdsAreStableAndStateSurvivesEncoding() {
        IdeaGroup a = add("c1", "dark mode please", 2);
        assertThat(a.ideaId).isEqualTo(IdeaBoard.idOf("dark mode")).startsWith("idea-");
        add("c2", "dark mode at night", 3);
        IdeaGroup copy = IdeaGroup.decode(a.encode());
        assertThat(copy.toIdea()).isEqualTo(a.toIdea());
        byte[] bytes = a.encode();
        bytes[0] = 7;
        assertThatThrownBy(() -> IdeaGroup.decode(bytes)).hasMessageContaining("version 7");
    }

    @Test
    void customersAreExactToAThousandThenEstimated() {
        DistinctCounter c = new DistinctCounter();
        for (int i = 0; i < 1000; i++) {
            c.add("c" + i);
            c.add("c" + i);
        }
        assertThat(c.estimate()).isEqualTo(1000);
        for (int i = 0; i < 50_000; i++) {
            c.add("c" + i);
        }
        assertThat((double) c.estimate()).isBetween(50_000 * 0.9, 50_000 * 1.1);
    }

    @Test
    void informativeTermsDropRequestWordsAndFoldPlurals() {
        assertThat(IdeaTerms.of(Terms.of("please add CSV export for statements"), null))
                .containsExactly("csv", "export", "statement", "csv export");
        assertThat(IdeaTerms.of(List.of(), "I wish exporting worked")).contains("export", "worked");
    }
}
