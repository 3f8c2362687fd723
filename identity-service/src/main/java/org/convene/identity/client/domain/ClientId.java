package org.convene.identity.client.domain;

import java.util.Objects;

/** An organisation's API client, as it names itself to the token endpoint (OAuth's {@code client_id}). */
public record ClientId(String value) {

    public ClientId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
