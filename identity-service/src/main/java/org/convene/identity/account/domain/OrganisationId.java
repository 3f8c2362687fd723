package org.convene.identity.account.domain;

import java.util.Objects;

/** The organisation an account belongs to, as events-service registers it: the tokens' {@code org_id}. */
public record OrganisationId(String value) {

    public OrganisationId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
