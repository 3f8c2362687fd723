package org.convene.notifications.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.convene.notifications.delivery.domain.DeliveryStatus;
import org.junit.jupiter.api.Test;

/** Each kind of email says what it carries; nothing else is set. */
class DeliveryFactoriesTests {

    private static final Instant NOW = Instant.parse("2026-03-03T10:00:00Z");
    private static final Delivery.Registration REGISTRATION =
            new Delivery.Registration("r1", 1, List.of(), null, List.of(), List.of());

    @Test
    void aRegistrantsEmailCarriesTheManageLink() {
        var delivery = Delivery.toRegistrant(
                "m1:attendee",
                "confirmation",
                "ann@example.org",
                "Ann",
                "e1",
                REGISTRATION,
                "https://x/manage/t",
                NOW,
                "tp");

        assertThat(delivery.privateLink()).isEqualTo("https://x/manage/t");
        assertThat(delivery.eventId()).isEqualTo("e1");
        assertThat(delivery.organisationId()).isNull();
        assertThat(delivery.newsletterId()).isNull();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.nextAttemptAt()).isEqualTo(NOW);
        assertThat(delivery.lease()).isNotNull();
    }

    @Test
    void aGroupMembersEmailHasNoPrivateLink() {
        var delivery = Delivery.toGroupMember(
                "m1:member-0", "confirmation", "bo@example.org", "Bo", "e1", REGISTRATION, NOW, "tp");

        assertThat(delivery.privateLink()).isNull();
        assertThat(delivery.recipient()).isEqualTo("bo@example.org");
    }

    @Test
    void aSupportAlertGoesToTheOrganisationsContactAddress() {
        var delivery = Delivery.supportAlert("m1:organisation", "e1", REGISTRATION, NOW, "tp");

        assertThat(delivery.kind()).isEqualTo("support-alert");
        assertThat(delivery.recipient()).as("looked up when sent").isNull();
        assertThat(delivery.privateLink()).isNull();
        assertThat(delivery.registration()).isEqualTo(REGISTRATION);
    }
}
