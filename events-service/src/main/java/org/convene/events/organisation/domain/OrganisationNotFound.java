package org.convene.events.organisation.domain;

import org.convene.events.event.domain.OrganisationId;

public class OrganisationNotFound extends RuntimeException {

    public OrganisationNotFound(OrganisationId id) {
        super("No organisation " + id);
    }
}
