package org.convene.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What events-service publishes on {@code convene.events.v1}, keyed by {@code eventId}. Every type
 * carries the event's whole public state after the change, so a consumer can keep its read model
 * from any one message and needs no other call. The online link is here for one reason: so
 * notifications can send it to people who registered; it is never shown publicly.
 *
 * <p>{@code groupLimit}: the most young people one group may bring; absent (older messages) means the
 * default, 12.
 *
 * <p>{@code visibility}: see {@link Visibility}; a consumer that lists or announces events skips the
 * unlisted ones.
 *
 * <p>Schema and one sample per type: {@code docs/messages/convene.events.v1/}.
 */
public record EventMessage(
        UUID messageId,
        EventMessageType type,
        Instant occurredAt,
        String eventId,
        long aggregateVersion,
        String organisationId,
        Status status,
        String title,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        int capacity,
        int maxCompanions,
        Instant registrationOpensAt,
        Instant registrationClosesAt,
        VenueSummary venue,
        boolean online,
        String onlineLink,
        List<String> interpreterLanguages,
        String cancellationReason,
        Integer groupLimit,
        Visibility visibility) {

    /**
     * Who finds the event: everyone ({@code PUBLIC}, listed and announced), or only people given its
     * link ({@code UNLISTED}: never listed or announced to subscribers). Absent in older messages: public.
     */
    public enum Visibility {
        PUBLIC,
        UNLISTED
    }

    public enum Status {
        PUBLISHED,
        CANCELLED,
        COMPLETED
    }

    /** Where the event happens, for emails and reminders; null for an online event. */
    public record VenueSummary(String name, String address, String postcode, List<String> accessibility) {}
}
