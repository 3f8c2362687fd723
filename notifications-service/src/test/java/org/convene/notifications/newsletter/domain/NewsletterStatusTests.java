package org.convene.notifications.newsletter.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.notifications.newsletter.domain.NewsletterStatus.CANCELLED;
import static org.convene.notifications.newsletter.domain.NewsletterStatus.DRAFT;
import static org.convene.notifications.newsletter.domain.NewsletterStatus.SCHEDULED;
import static org.convene.notifications.newsletter.domain.NewsletterStatus.SENDING;
import static org.convene.notifications.newsletter.domain.NewsletterStatus.SENT;

import org.junit.jupiter.api.Test;

class NewsletterStatusTests {

    @Test
    void aDraftIsOnlyScheduled() {
        assertThat(DRAFT.next()).containsExactly(SCHEDULED);
    }

    @Test
    void aScheduledNewsletterMayBeMovedStartedOrCancelled() {
        assertThat(SCHEDULED.next()).containsExactlyInAnyOrder(SCHEDULED, SENDING, CANCELLED);
    }

    @Test
    void sendingEndsSentOrCancelledAndIsNeverScheduledAgain() {
        assertThat(SENDING.next()).containsExactlyInAnyOrder(SENT, CANCELLED);
        assertThat(SENDING.canBecome(SCHEDULED)).isFalse();
    }

    @Test
    void sentAndCancelledAreFinal() {
        assertThat(SENT.next()).isEmpty();
        assertThat(CANCELLED.next()).isEmpty();
        assertThat(CANCELLED.canBecome(SCHEDULED)).isFalse();
        assertThat(SENT.canBecome(CANCELLED)).isFalse();
    }

    @Test
    void eachChangeIsAllowedFromExactlyTheStatesThatMayMakeIt() {
        assertThat(NewsletterStatus.from(SCHEDULED)).containsExactlyInAnyOrder(DRAFT, SCHEDULED);
        assertThat(NewsletterStatus.from(SENDING)).containsExactly(SCHEDULED);
        assertThat(NewsletterStatus.from(SENT)).containsExactly(SENDING);
        assertThat(NewsletterStatus.from(CANCELLED)).containsExactlyInAnyOrder(SCHEDULED, SENDING);
        assertThat(NewsletterStatus.from(DRAFT)).isEmpty();
    }
}
