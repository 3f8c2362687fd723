package org.convene.events.request.domain;

import java.util.Objects;
import java.util.UUID;

public record BookingRequestId(String value) {

    public BookingRequestId {
        Objects.requireNonNull(value, "value");
    }

    public static BookingRequestId newId() {
        return new BookingRequestId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
