package org.convene.events.event.messaging;

import java.util.List;
import java.util.UUID;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventChange;
import org.convene.events.event.domain.EventChangeType;
import org.convene.events.event.domain.InvitationCode;
import org.convene.events.event.domain.Location;

/**
 * Turns a recorded change into the message other services read: public facts, the online link for
 * registered people's emails, and the invitations with their codes hashed.
 */
public final class EventMessages {

    private EventMessages() {}

    public static EventMessage announce(Event event, EventChange change) {
        var details = event.details();
        EventMessage.VenueSummary venue = null;
        if (details.location() instanceof Location.Venue v) {
            venue = new EventMessage.VenueSummary(
                    v.name(),
                    v.address(),
                    v.postcode(),
                    v.accessibilityInOrder().stream().map(Enum::name).toList());
        }
        return new EventMessage(
                UUID.randomUUID(),
                type(change.type()),
                change.occurredAt(),
                event.id().value(),
                change.version(),
                event.organisationId().value(),
                EventMessage.Status.valueOf(event.status().name()),
                details.title(),
                event.schedule().startsAt(),
                event.schedule().endsAt(),
                event.schedule().zone().getId(),
                event.capacity(),
                event.maxCompanions(),
                event.window().opensAt(),
                event.window().closesAt(),
                venue,
                details.location() instanceof Location.Online,
                details.location() instanceof Location.Online online
                        ? online.link().toString()
                        : null,
                details.support().interpreterLanguages(),
                event.cancellationReason(),
                event.groupLimit(),
                EventMessage.Visibility.valueOf(event.visibility().name()),
                invitations(event));
    }

    /** The wire's name for a kind of change: the names on convene.events.v1 stay as they were published. */
    public static EventMessageType type(EventChangeType change) {
        return switch (change) {
            case PUBLISHED -> EventMessageType.EventPublished;
            case UPDATED -> EventMessageType.EventUpdated;
            case RESCHEDULED -> EventMessageType.EventRescheduled;
            case CAPACITY_CHANGED -> EventMessageType.EventCapacityChanged;
            case CANCELLED -> EventMessageType.EventCancelled;
            case COMPLETED -> EventMessageType.EventCompleted;
        };
    }

    /** The invitations not revoked, each code only as its hash (ADR 13): no code is ever in a message. */
    private static List<EventMessage.Invitation> invitations(Event event) {
        return event.invitations().stream()
                .filter(invitation -> !invitation.revoked())
                .map(invitation -> new EventMessage.Invitation(
                        invitation.id().value(),
                        invitation.partner(),
                        InvitationCode.hash(invitation.code()),
                        invitation.seatsHeld(),
                        invitation.releaseAt()))
                .toList();
    }
}
