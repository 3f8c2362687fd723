package org.convene.events.event.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the public may filter upcoming events by. {@code after} continues a listing from the last
 * event of the previous page (start time, then id, so events at the same time are neither
 * repeated nor skipped).
 */
public record PublicEventQuery(
        Instant from,
        @Nullable Instant to,
        @Nullable Audience audience,
        @Nullable EventFormat format,
        @Nullable String topic,
        @Nullable OrganisationId organisation,
        @Nullable String text,
        @Nullable Position after,
        int limit) {

    public record Position(Instant startsAt, EventId id) {}
}
