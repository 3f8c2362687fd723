package org.convene.events.event.domain;

import java.util.Objects;

public record OrganisationId(String value) {

    public OrganisationId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
