package org.convene.events.event.domain;

import java.security.SecureRandom;
import java.util.Objects;

/** An invitation to one event (ADR 13): short and random (base36), what registrations made with it carry. */
public record InvitationId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LENGTH = 10;
    private static final long VALUES = (long) Math.pow(36, LENGTH);

    public InvitationId {
        Objects.requireNonNull(value, "value");
    }

    /** A new id: 10 random base36 characters. */
    static InvitationId newId() {
        var value = Long.toString(RANDOM.nextLong(VALUES), 36);
        return new InvitationId("0".repeat(LENGTH - value.length()) + value);
    }

    @Override
    public String toString() {
        return value;
    }
}
