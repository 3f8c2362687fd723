package org.convene.registrations.registration.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * What may happen to a registration (docs/api.md, "Registrations"), the whole rule in one place. It is
 * {@code PENDING} only between taking the seat ledger's decision and recording it (the ledger is the
 * truth, ADR 6): then {@code CONFIRMED}, {@code WAITLISTED}, or {@code CANCELLED} when it was refused. A
 * waiting registration is promoted ({@code CONFIRMED}), its group perhaps in part first; a confirmed group
 * with some still waiting is {@code CONFIRMED} again when the rest is served. Anyone may cancel; {@code
 * CANCELLED} is final.
 *
 * <p>Every change is one compare-and-set on the registration's version; the store refuses a change this
 * rule does not allow as it refuses one that lost a race (the caller reads the registration again).
 */
public enum RegistrationStatus {
    PENDING,
    CONFIRMED,
    WAITLISTED,
    CANCELLED;

    /** The states this one may become. */
    public Set<RegistrationStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(CONFIRMED, WAITLISTED, CANCELLED);
            case WAITLISTED -> EnumSet.of(CONFIRMED, CANCELLED);
            case CONFIRMED -> EnumSet.of(CONFIRMED, CANCELLED);
            case CANCELLED -> EnumSet.noneOf(RegistrationStatus.class);
        };
    }

    public boolean canBecome(RegistrationStatus status) {
        return next().contains(status);
    }
}
