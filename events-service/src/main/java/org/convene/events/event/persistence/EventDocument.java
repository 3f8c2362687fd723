package org.convene.events.event.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.convene.contracts.events.EventMessage;
import org.convene.events.event.domain.Translations;
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
        String summary,
        String description,
        String format,
        String audience,
        Set<String> topics,
        VenueDocument venue,
        String onlineLink,
        SupportDocument support,
        String easyReadSummary,
        Translations translations,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        Instant registrationOpensAt,
        Instant registrationClosesAt,
        int capacity,
        int maxCompanions,
        Integer groupLimit,
        String visibility,
        String cancellationReason,
        Instant publishedAt,
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
            Instant releaseAt,
            Instant createdAt,
            Instant revokedAt) {}

    record VenueDocument(
            String name,
            String address,
            String postcode,
            List<String> accessibility,
            String nearestPublicTransport,
            String accessibilityNotes) {}

    record SupportDocument(
            List<String> interpreterLanguages,
            boolean foodProvided,
            List<String> dietaryOptions,
            boolean travelSupport) {}
}
