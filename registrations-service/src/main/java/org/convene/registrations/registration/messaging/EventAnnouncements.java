package org.convene.registrations.registration.messaging;

import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.domain.EventAnnouncement;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.EventSummary;
import org.convene.registrations.registration.domain.Invitation;

/** An event's message on {@code convene.events.v1} as the seat ledger keeps it. */
public final class EventAnnouncements {

    private EventAnnouncements() {}

    public static EventAnnouncement of(EventMessage message) {
        return new EventAnnouncement(
                new EventId(message.eventId()),
                message.aggregateVersion(),
                message.organisationId(),
                message.status().name(),
                message.startsAt(),
                message.endsAt(),
                message.capacity(),
                message.maxCompanions(),
                message.groupLimit(),
                message.registrationOpensAt(),
                message.registrationClosesAt(),
                // Older messages say nothing: those events were public.
                message.visibility() == null ? "PUBLIC" : message.visibility().name(),
                // The invitations as announced: hashes of codes, never codes (ADR 13).
                message.invitationsOrNone().stream()
                        .map(invitation -> new Invitation(
                                invitation.id(),
                                invitation.partner(),
                                invitation.codeHash(),
                                invitation.seatsHeld(),
                                invitation.releaseAt()))
                        .toList(),
                summary(message));
    }

    private static EventSummary summary(EventMessage message) {
        var venue = message.venue();
        return new EventSummary(
                message.title(),
                message.startsAt(),
                message.endsAt(),
                message.timeZone(),
                message.online(),
                venue == null ? null : venue.name(),
                venue == null ? null : venue.address(),
                venue == null ? null : venue.postcode());
    }
}
