package org.convene.registrations.registration.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What events-service last announced about an event, as far as registering needs it (ADR 6, ADR 13): the
 * seat ledger keeps it. {@code version} orders announcements: one not newer than what the ledger holds
 * (redelivered, or overtaken) changes nothing. {@code status} and {@code visibility} by their names
 * ({@code PUBLISHED}, {@code INVITE_ONLY}, ...), as {@link EventSeats} reads them.
 */
public record EventAnnouncement(
        EventId eventId,
        long version,
        String organisationId,
        String status,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        int maxCompanions,
        @Nullable Integer groupLimit,
        @Nullable Instant registrationOpensAt,
        @Nullable Instant registrationClosesAt,
        String visibility,
        List<Invitation> invitations,
        EventSummary summary) {

    public EventAnnouncement {
        invitations = List.copyOf(invitations);
    }

    public boolean cancelled() {
        return "CANCELLED".equals(status);
    }
}
