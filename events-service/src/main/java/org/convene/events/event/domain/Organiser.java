package org.convene.events.event.domain;

import java.util.Objects;

/**
 * Who is acting: an organiser of one organisation, as established by the identity provider's token.
 * Every organiser operation is checked against it; the web layer builds it from the validated token.
 */
public record Organiser(String subject, OrganisationId organisationId, boolean admin) {

    public Organiser {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(organisationId, "organisationId");
    }

    public boolean actsFor(OrganisationId organisation) {
        return organisationId.equals(organisation);
    }
}
