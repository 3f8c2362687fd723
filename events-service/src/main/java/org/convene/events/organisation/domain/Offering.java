package org.convene.events.organisation.domain;

import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * Something an organisation offers and can be asked for on its booking request form (ADR 14): a short
 * stable id, a name (one line, at most 80 characters), an optional description (at most 300) and what
 * kind of thing it is, which decides the format of the draft event an accepted request becomes.
 */
public record Offering(
        @Nullable String id, String name, @Nullable String description, OfferingKind kind) {

    public static final int MAX_NAME = 80;
    public static final int MAX_DESCRIPTION = 300;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ID_LENGTH = 8;
    private static final long ID_VALUES = (long) Math.pow(36, ID_LENGTH);

    /** A new id: 8 random base36 characters. */
    static String newId() {
        var value = Long.toString(RANDOM.nextLong(ID_VALUES), 36);
        return "0".repeat(ID_LENGTH - value.length()) + value;
    }
}
