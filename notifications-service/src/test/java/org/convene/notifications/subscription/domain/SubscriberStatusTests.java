package org.convene.notifications.subscription.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.notifications.subscription.domain.SubscriberStatus.CONFIRMED;
import static org.convene.notifications.subscription.domain.SubscriberStatus.PENDING;
import static org.convene.notifications.subscription.domain.SubscriberStatus.UNSUBSCRIBED;

import org.junit.jupiter.api.Test;

class SubscriberStatusTests {

    @Test
    void onlyConfirmedAddressesReceiveNewsletters() {
        assertThat(CONFIRMED.receivesNewsletters()).isTrue();
        assertThat(PENDING.receivesNewsletters()).isFalse();
        assertThat(UNSUBSCRIBED.receivesNewsletters()).isFalse();
    }

    @Test
    void onlyAnAddressAskedToConfirmCanBeConfirmed() {
        assertThat(SubscriberStatus.from(CONFIRMED)).containsExactly(PENDING);
        assertThat(UNSUBSCRIBED.canBecome(CONFIRMED)).isFalse();
    }

    @Test
    void anyoneNotYetGoneCanLeaveWithOneClick() {
        assertThat(SubscriberStatus.from(UNSUBSCRIBED)).containsExactlyInAnyOrder(PENDING, CONFIRMED);
    }

    @Test
    void leavingIsFinalUntilTheySubscribeAndConfirmAgain() {
        assertThat(UNSUBSCRIBED.next()).containsExactly(PENDING);
        assertThat(SubscriberStatus.from(PENDING)).containsExactlyInAnyOrder(PENDING, UNSUBSCRIBED);
        assertThat(CONFIRMED.canBecome(PENDING)).isFalse();
    }
}
