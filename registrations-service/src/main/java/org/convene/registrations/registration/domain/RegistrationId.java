package org.convene.registrations.registration.domain;

import java.util.UUID;

public record RegistrationId(String value) {

    public RegistrationId {
        java.util.Objects.requireNonNull(value, "value");
    }

    public static RegistrationId newId() {
        return new RegistrationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
