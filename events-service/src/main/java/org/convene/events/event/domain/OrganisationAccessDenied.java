package org.convene.events.event.domain;

/** An organiser asked for another organisation's data: a 403. */
public class OrganisationAccessDenied extends RuntimeException {

    public OrganisationAccessDenied() {
        super("Organisers see only their own organisation's events");
    }
}
