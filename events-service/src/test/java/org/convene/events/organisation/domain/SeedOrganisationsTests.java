package org.convene.events.organisation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedOrganisationsTests {

    @Test
    void readsEachOrganisationWithItsNameAndContactAddress() {
        var seeded = SeedOrganisations.parse(
                "demo=Demo organisation <team@demo.example>; voices-of-care = Voices of Care <hello@voices.example>;");

        assertThat(seeded).hasSize(2);
        assertThat(seeded.getFirst().id().value()).isEqualTo("demo");
        assertThat(seeded.getFirst().details().name()).isEqualTo("Demo organisation");
        assertThat(seeded.get(1).details().contactEmail()).isEqualTo("hello@voices.example");
        assertThat(seeded.get(1).version()).isEqualTo(1);
    }

    @Test
    void nothingConfiguredMeansNoOrganisations() {
        assertThat(SeedOrganisations.parse("")).isEmpty();
        assertThat(SeedOrganisations.parse(null)).isEmpty();
    }

    @Test
    void aMistakeIsNamed() {
        assertThatThrownBy(() -> SeedOrganisations.parse("Not A Slug=Name <a@b.example>"))
                .hasMessageContaining("id=Name <contact@address>")
                .hasMessageContaining("Not A Slug");
    }
}
