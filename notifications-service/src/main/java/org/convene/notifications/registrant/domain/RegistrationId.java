package org.convene.notifications.registrant.domain;

/** A registration, as registrations-service names it; stored as the plain string. */
public record RegistrationId(String value) {

    @Override
    public String toString() {
        return value;
    }
}
