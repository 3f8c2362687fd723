package org.convene.events.event.domain;

import java.time.Instant;

/**
 * What the public may filter upcoming events by. {@code after} continues a listing from the last
 * event of the previous page (start time, then id, so events at the same time are neither
 * repeated nor skipped).
 */
public record PublicEventQuery(
        Instant from,
        Instant to,
        Audience audience,
        EventFormat format,
        String topic,
        OrganisationId organisation,
        String text,
        Position after,
        int limit) {

    public record Position(Instant startsAt, EventId id) {}
}
