package org.convene.events.organisation.domain;

import org.convene.events.event.domain.OrganisationId;

public class OrganisationAlreadyExists extends RuntimeException {

    public OrganisationAlreadyExists(OrganisationId id) {
        super("An organisation with the id '" + id + "' already exists.");
    }
}
