package org.convene.registrations.registration.domain;

import java.util.UUID;

public record RegistrationId(String value) {

    public RegistrationId {
        java.util.Objects.requireNonNull(value, "value");
    }

    private static final String REST_OF_GROUP = "~rest";

    /** The ledger's party for those of a group still waiting after part of it was accepted (see {@link Group}). */
    public static RegistrationId restOfGroup(RegistrationId registration) {
        return new RegistrationId(registration.value() + REST_OF_GROUP);
    }

    /** Whether this is the ledger's party for the rest of a group, not a registration of its own. */
    public boolean isRestOfGroup() {
        return value.endsWith(REST_OF_GROUP);
    }

    /** The registration whose group this rest belongs to; itself otherwise. */
    public RegistrationId registration() {
        return isRestOfGroup() ? new RegistrationId(value.substring(0, value.length() - REST_OF_GROUP.length())) : this;
    }

    public static RegistrationId newId() {
        return new RegistrationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
