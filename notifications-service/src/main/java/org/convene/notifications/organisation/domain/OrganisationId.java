package org.convene.notifications.organisation.domain;

/** An organisation, as events-service names it; stored as the plain string. */
public record OrganisationId(String value) {

    @Override
    public String toString() {
        return value;
    }
}
