package org.convene.registrations.registration.domain;

public record EventId(String value) {

    public EventId {
        java.util.Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
