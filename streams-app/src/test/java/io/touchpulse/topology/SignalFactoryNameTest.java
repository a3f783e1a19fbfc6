package io.touchpulse.topology;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalFactoryNameTest {

    @Test
    void aNameIsNormalisedTheSameWayEveryTimeAndABadOneIsRejectedEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThat(SignalFactory.name(" Check_Out Page", "touchpoint")).isEqualTo("check-out-page");
            assertThatThrownBy(() -> SignalFactory.name("call +44 20 7946 0958", "touchpoint"))
                    .isInstanceOf(InvalidEventException.class).hasMessageContaining("touchpoint looks like personal data");
            assertThatThrownBy(() -> SignalFactory.name("check/out", "channel"))
                    .isInstanceOf(InvalidEventException.class).hasMessageStartingWith("channel 'check/out' may only contain");
        }
    }

    @Test
    void theFieldNamedInAnErrorIsTheOneBeingChecked() {
        assertThatThrownBy(() -> SignalFactory.name("", "segment")).hasMessage("segment is missing or blank");
        assertThatThrownBy(() -> SignalFactory.name(null, "touchpoint")).hasMessage("touchpoint is missing or blank");
    }
}
