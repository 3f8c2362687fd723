package org.convene.events.event.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.convene.contracts.events.EventMessage;
import org.convene.events.event.domain.Translations;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An event as stored, with its outbox: the messages announcing its changes that are not yet on
 * Kafka. Change and messages are written by one single-document update, so neither exists
 * without the other (ADR 2).
 */
@Document("events")
record EventDocument(
        @Id String id,
        String organisationId,
        String status,
        String title,
        @Nullable String summary,
        String description,
        String format,
        String audience,
        Set<String> topics,
        @Nullable VenueDocument venue,
        @Nullable String onlineLink,
        SupportDocument support,
        @Nullable String easyReadSummary,
        Translations translations,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        @Nullable Instant registrationOpensAt,
        @Nullable Instant registrationClosesAt,
        int capacity,
        int maxCompanions,
        @Nullable Integer groupLimit,
        @Nullable String visibility,
        @Nullable String cancellationReason,
        @Nullable Instant publishedAt,
        long version,
        Instant createdAt,
        Instant updatedAt,
        List<InvitationDocument> invitations,
        List<EventMessage> outbox) {

    /** An invitation with its code: events-service is the one place codes are kept (ADR 13). */
    record InvitationDocument(
            String id,
            String partner,
            String code,
            int seatsHeld,
            @Nullable Instant releaseAt,
            Instant createdAt,
            @Nullable Instant revokedAt) {}

    record VenueDocument(
            String name,
            String address,
            @Nullable String postcode,
            List<String> accessibility,
            @Nullable String nearestPublicTransport,
            @Nullable String accessibilityNotes) {}

    record SupportDocument(
            List<String> interpreterLanguages,
            boolean foodProvided,
            List<String> dietaryOptions,
            boolean travelSupport) {}
}
