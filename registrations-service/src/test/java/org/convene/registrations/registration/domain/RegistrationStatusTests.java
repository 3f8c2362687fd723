package org.convene.registrations.registration.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.registrations.registration.domain.RegistrationStatus.CANCELLED;
import static org.convene.registrations.registration.domain.RegistrationStatus.CONFIRMED;
import static org.convene.registrations.registration.domain.RegistrationStatus.PENDING;
import static org.convene.registrations.registration.domain.RegistrationStatus.WAITLISTED;

import org.junit.jupiter.api.Test;

class RegistrationStatusTests {

    @Test
    void aDecisionRecordsConfirmedWaitlistedOrRefused() {
        assertThat(PENDING.next()).containsExactlyInAnyOrder(CONFIRMED, WAITLISTED, CANCELLED);
    }

    @Test
    void theWaitingArePromotedOrCancelNeverTheOtherWayRound() {
        assertThat(WAITLISTED.next()).containsExactlyInAnyOrder(CONFIRMED, CANCELLED);
        assertThat(CONFIRMED.canBecome(WAITLISTED)).isFalse();
        assertThat(CONFIRMED.canBecome(PENDING)).isFalse();
    }

    @Test
    void aConfirmedGroupWithSomeStillWaitingIsConfirmedAgainWhenTheRestIsServed() {
        assertThat(CONFIRMED.canBecome(CONFIRMED)).isTrue();
    }

    @Test
    void cancelledIsFinal() {
        assertThat(CANCELLED.next()).isEmpty();
    }
}
