package org.convene.notifications.event.persistence;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** What emails say about an event, kept from convene.events.v1 (newer versions only). */
@Document("event_views")
public record EventView(
        @Id String id,
        long version,
        String organisationId,
        String status,
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

    public static final String PUBLISHED = "PUBLISHED";
    public static final String CANCELLED = "CANCELLED";
}
