package org.convene.identity.account.domain;

import java.util.Objects;
import java.util.UUID;

/** An account, as the tokens' subject names it: the same however its email changes. */
public record AccountId(String value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId newId() {
        return new AccountId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
