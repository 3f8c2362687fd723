package org.convene.events.event.domain;

/** The event has no invitation with this id: a 404. */
public class InvitationNotFound extends RuntimeException {

    public InvitationNotFound(EventId eventId, InvitationId invitationId) {
        super("Event " + eventId + " has no invitation " + invitationId);
    }
}
