package org.convene.contracts.organisations;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What events-service publishes on {@code convene.organisations.v1}, keyed by
 * {@code organisationId}: the organisation's whole state after each change, so notifications can
 * write as the organisation (sender name, reply-to, brand colour), alert its contact address and
 * know whether it wants new workshops announced to subscribers.
 *
 * <p>Schema and one sample per type: {@code docs/messages/convene.organisations.v1/}.
 */
public record OrganisationMessage(
        UUID messageId,
        OrganisationMessageType type,
        Instant occurredAt,
        String organisationId,
        long aggregateVersion,
        String name,
        String contactEmail,
        @Nullable String replyTo,
        @Nullable String brandColour,
        boolean announceNewEvents) {}
