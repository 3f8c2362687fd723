package org.convene.notifications.delivery.domain;

import java.time.Instant;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.registrant.domain.RegistrationId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * How the other features queue an email: one operation per kind they send. Each email is named by what
 * caused it and whom it is for, never by an address, so the same cause found again queues nothing twice
 * (invariant 3, docs/invariants.md), and it is retried, sent once and visible like every other email.
 */
public interface DeliveryQueue {

    /**
     * A reminder of the event to one person holding a place. One per event and registration, however
     * often and on however many instances the reminders are looked for.
     */
    Mono<Void> reminder(EventId event, RegistrationId registration, Recipient to, Instant now);

    /**
     * The event's new time, to one person registered or waiting: one per announcement ({@code messageId})
     * and registration, however often the announcement is delivered. {@code traceparent}: the trace of
     * the announcement, so the email's sending joins it (null: none).
     */
    Mono<Void> rescheduled(
            String messageId,
            EventId event,
            RegistrationId registration,
            Recipient to,
            Instant now,
            @Nullable String traceparent);

    /** A test copy of a newsletter to the organiser who asked for it, at {@code at}. */
    Mono<Void> newsletterTest(String newsletterId, OrganisationId organisation, String organiserEmail, Instant at);

    /**
     * The request to confirm a subscription to the organisation's newsletter, with the private link that
     * confirms it: one per subscriber and moment of asking, so the same request recorded twice sends once.
     */
    Mono<Void> subscriptionConfirmation(
            String subscriberId, OrganisationId organisation, Recipient to, String confirmLink, Instant askedAt);

    /** The subscriber's data was erased: no email asking them to confirm is kept, sent or not. */
    Mono<Void> forgetSubscriptionEmails(String subscriberId);
}
