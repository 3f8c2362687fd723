package org.convene.notifications.subscription.domain;

import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;

/**
 * Someone on an organisation's newsletter list. The id is derived from the organisation and the
 * address, so one address is on one organisation's list once, however often it subscribes. The
 * private token (in every email to them) lets them confirm, change topics, leave, export or erase.
 */
public record Subscriber(
        @Id String id,
        String organisationId,
        String email,
        String name,
        Set<String> topics,
        SubscriberStatus status,
        String token,
        Instant subscribedAt,
        Instant confirmedAt,
        Instant unsubscribedAt,
        Instant lastConfirmationSentAt) {}
