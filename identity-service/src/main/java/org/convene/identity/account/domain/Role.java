package org.convene.identity.account.domain;

import java.util.Locale;

/** What a token lets its holder do; the names are the values of the {@code roles} claim. */
public enum Role {
    /** Manages their own organisation's events, registrations and newsletters. */
    ORGANISER,
    /** Manages organisations and organiser accounts. */
    ADMIN;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}
