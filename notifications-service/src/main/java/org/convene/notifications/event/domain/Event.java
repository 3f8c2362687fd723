package org.convene.notifications.event.domain;

import java.time.Instant;
import java.util.List;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.jspecify.annotations.Nullable;

/**
 * What emails say about an event, as this service last heard of it: when and where, how to reach it, and
 * why it was cancelled if it was. {@code version} is events-service's, so a calendar entry sent later
 * replaces one sent earlier.
 */
public record Event(
        EventId id,
        long version,
        OrganisationId organisationId,
        EventStatus status,
        String title,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        @Nullable String venueName,
        @Nullable String venueAddress,
        @Nullable String venuePostcode,
        List<String> accessibility,
        boolean online,
        @Nullable String onlineLink,
        @Nullable String cancellationReason) {

    public Event {
        accessibility = accessibility == null ? List.of() : List.copyOf(accessibility);
    }

    public boolean cancelled() {
        return status == EventStatus.CANCELLED;
    }
}
