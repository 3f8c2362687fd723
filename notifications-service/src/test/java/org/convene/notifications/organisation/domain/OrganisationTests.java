package org.convene.notifications.organisation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrganisationTests {

    private static Organisation with(String replyTo) {
        return new Organisation(
                new OrganisationId("voices"), "Voices", "hello@voices.example", replyTo, "#aa3311", false);
    }

    @Test
    void repliesGoToTheReplyToAddressWhenThereIsOne() {
        assertThat(with("team@voices.example").replyAddress()).isEqualTo("team@voices.example");
    }

    @Test
    void repliesGoToTheContactAddressWithoutAReplyTo() {
        assertThat(with(null).replyAddress()).isEqualTo("hello@voices.example");
        assertThat(with("  ").replyAddress()).isEqualTo("hello@voices.example");
    }
}
