package org.convene.notifications.registrant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.convene.notifications.event.domain.EventId;
import org.junit.jupiter.api.Test;

class RegistrantTests {

    private static final Instant AT = Instant.parse("2026-05-01T10:00:00Z");

    private static Registrant as(RegistrantStatus status) {
        return Registrant.as(
                new RegistrationId("r-1"), new EventId("e-1"), status, "ada@example.org", "Ada", AT, 3, "cy", true);
    }

    @Test
    void aCancelledRegistrationKeepsNeitherAddressNorName() {
        var cancelled = as(RegistrantStatus.CANCELLED);

        assertThat(cancelled.email()).isNull();
        assertThat(cancelled.name()).isNull();
        assertThat(cancelled.version()).isEqualTo(3);
    }

    @Test
    void onlyAConfirmedRegistrationHoldsAPlaceSinceTheNews() {
        assertThat(as(RegistrantStatus.CONFIRMED).confirmedAt()).isEqualTo(AT);
        assertThat(as(RegistrantStatus.WAITLISTED).confirmedAt()).isNull();
        assertThat(as(RegistrantStatus.WAITLISTED).email()).isEqualTo("ada@example.org");
    }

    @Test
    void someoneWhoGotTheirPlaceAfterTheReminderTimeIsNotReminded() {
        var confirmed = as(RegistrantStatus.CONFIRMED);

        assertThat(confirmed.remindedAt(AT)).isTrue();
        assertThat(confirmed.remindedAt(AT.plusSeconds(1))).isTrue();
        assertThat(confirmed.remindedAt(AT.minusSeconds(1))).isFalse();
    }

    @Test
    void aPlaceHeldSinceBeforeItWasRecordedIsReminded() {
        var kept = new Registrant(
                new RegistrationId("r-1"),
                new EventId("e-1"),
                "ada@example.org",
                "Ada",
                RegistrantStatus.CONFIRMED,
                null,
                1,
                null,
                false);

        assertThat(kept.remindedAt(AT)).isTrue();
    }

    @Test
    void theStoredStatusesAreRegistrationsServiceWords() {
        assertThat(RegistrantStatus.values())
                .extracting(Enum::name)
                .containsExactly("CONFIRMED", "WAITLISTED", "CANCELLED");
    }
}
