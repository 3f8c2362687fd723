package org.convene.contracts.requests;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What events-service publishes on {@code convene.requests.v1}, keyed by {@code requestId}: what
 * happened to a booking request (ADR 14), with what notifications needs to write to the requester and
 * to the organisation. Nothing else of the request travels: its dates, audience, needs and message stay
 * with the organisation in events-service.
 *
 * <p>{@code contactName} and {@code contactEmail} are null on {@code BookingRequestErased} (whoever kept
 * anything about the requester forgets it); {@code replyText} is set on {@code BookingRequestReplied}
 * only; {@code eventId} once the request is scheduled. {@code offeringName} is the name of the
 * organisation's offering asked for, as it was when the request came, when {@code kind} is
 * {@code OFFERING}; null otherwise (and absent in older messages).
 *
 * <p>Schema and one sample per type: {@code docs/messages/convene.requests.v1/}.
 */
public record BookingRequestMessage(
        UUID messageId,
        BookingRequestMessageType type,
        Instant occurredAt,
        String requestId,
        long aggregateVersion,
        String organisationId,
        Status status,
        Kind kind,
        @Nullable String offeringName,
        String requesterOrganisation,
        @Nullable String contactName,
        @Nullable String contactEmail,
        @Nullable String replyText,
        @Nullable String eventId) {

    /** What is asked for. */
    public enum Kind {
        TRAINING,
        KEYNOTE,
        CONSULTANCY,
        /** One of the organisation's listed offerings, named by {@code offeringName}. */
        OFFERING
    }

    /** Where the request stands after the change. */
    public enum Status {
        NEW,
        IN_DISCUSSION,
        ACCEPTED,
        SCHEDULED,
        DECLINED
    }
}
