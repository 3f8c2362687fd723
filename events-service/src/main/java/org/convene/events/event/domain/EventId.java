package org.convene.events.event.domain;

import java.util.Objects;
import java.util.UUID;

public record EventId(String value) {

    public EventId {
        Objects.requireNonNull(value, "value");
    }

    public static EventId newId() {
        return new EventId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
