package org.convene.registrations.registration.domain;

import java.time.Instant;

/** What this service knows of an event from convene.events.v1, and its seat count (ADR 6). */
public record EventSeats(
        EventId eventId,
        String organisationId,
        Instant endsAt,
        String status,
        int capacity,
        int seatsTaken,
        int waiting,
        int maxCompanions,
        int groupLimit,
        Instant registrationOpensAt,
        Instant registrationClosesAt,
        long eventVersion) {

    public boolean isOpenAt(Instant now) {
        return "PUBLISHED".equals(status)
                && (registrationOpensAt == null || !now.isBefore(registrationOpensAt))
                && (registrationClosesAt == null || now.isBefore(registrationClosesAt));
    }

    public int seatsLeft() {
        return Math.max(0, capacity - seatsTaken);
    }
}
