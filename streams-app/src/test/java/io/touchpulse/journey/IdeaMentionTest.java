package io.touchpulse.journey;

import io.touchpulse.schema.InteractionKind;
import org.junit.jupiter.api.Test;

import static io.touchpulse.journey.Events.D;
import static io.touchpulse.journey.Events.T0;
import static io.touchpulse.journey.Events.inbound;
import static io.touchpulse.journey.Events.outbound;
import static io.touchpulse.journey.Events.profile;
import static io.touchpulse.journey.Events.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IdeaMentionTest {
    @Test
    void aWishIsAnIdeaWeighingOneForACustomerWeKnowNothingAbout() {
        Journey j = new Journey();
        IdeaMention idea = j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT),
                "I wish I could export my statements to Excel", 0.1, "request")).idea();
        assertThat(idea).isNotNull();
        assertThat(idea.eventId()).isEqualTo("chat-1");
        assertThat(idea.customerId()).isEqualTo(Events.CUSTOMER);
        assertThat(idea.touchpoint()).isEqualTo("support-chat");
        assertThat(idea.timestamp()).isEqualTo(T0);
        assertThat(idea.text()).isEqualTo("I wish I could export my statements to Excel");
        assertThat(idea.terms()).contains("export", "excel");
        assertThat(idea.weight()).isEqualTo(1.0);
    }

    @Test
    void workaroundsAndWhyCantIAreIdeas() {
        Journey j = new Journey();
        assertThat(j.feed(text(inbound("mail-1", T0, InteractionKind.EMAIL), "Every month I had to copy each invoice manually into our books", -0.1)).idea()).isNotNull();
        assertThat(j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "Why can't I change the delivery address online?", -0.1, "question")).idea()).isNotNull();
    }

    @Test
    void aServiceRequestIsNotAnIdeaButAWishIs() {
        Journey j = new Journey();
        assertThat(j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "Please send me the invoice again", 0, "request")).idea()).isNull();
        assertThat(j.feed(text(inbound("v-0", T0, InteractionKind.VERBATIM), "I want to switch to paperless billing", 0, "request")).idea()).isNull();
        assertThat(j.feed(text(inbound("v-1", T0, InteractionKind.VERBATIM), "I wish you offered a family plan", 0.2, "request")).idea()).isNotNull();
        assertThat(j.feed(text(inbound("v-2", T0, InteractionKind.VERBATIM), "Please refund me, this is a disgrace", -0.7, "complaint", "request")).idea()).isNull();
    }

    @Test
    void theCompanysOwnTextsAreNotIdeas() {
        Journey j = new Journey();
        assertThat(j.feed(text(outbound("mail-1", T0, InteractionKind.EMAIL), "I wish you a happy new year", 0.6)).idea()).isNull();
    }

    @Test
    void engagedLongTenureValuableCustomersWeighMore() {
        Journey j = new Journey(profile(60, "gold", 5000));
        for (int i = 0; i < 5; i++) {
            j.feed(inbound("call-" + i, T0 + i * D, InteractionKind.CALL).setTopic("app"));
        }
        IdeaMention idea = j.feed(text(inbound("v-1", T0 + 6 * D, InteractionKind.VERBATIM), "It would be great if the app had dark mode", 0.5)).idea();
        // 1 + ln(1 + 5 contacts) + 60/24 + ln(1 + 5000/1000)
        assertThat(idea.weight()).isCloseTo(1 + Math.log(6) + 2.5 + Math.log(6), within(1e-9));
    }

    @Test
    void theMentionIsTheSentenceWithTheIdea() {
        Journey j = new Journey();
        IdeaMention m = j.feed(text(inbound("mail-1", T0, InteractionKind.EMAIL),
                "Please send the invoice to our accounts team. My workaround is to copy every invoice into a spreadsheet by hand.", 0)).idea();
        assertThat(m.text()).isEqualTo("My workaround is to copy every invoice into a spreadsheet by hand.");
        assertThat(m.terms()).contains("spreadsheet").doesNotContain("team");
    }
}
