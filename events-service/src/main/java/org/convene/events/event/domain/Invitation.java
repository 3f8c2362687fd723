package org.convene.events.event.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An invitation an organiser gives a partner organisation (ADR 13): its code lets people into an
 * invite-only event, and it may hold places for them until its release date. Revoked, it admits
 * nobody and holds nothing; it is kept so the organiser still sees it.
 *
 * @param id what registrations made with it will carry
 * @param partner the partner's name, as the organiser wrote it
 * @param code the secret in the invitation link ({@link InvitationCode}); never logged, never in a message
 * @param seatsHeld places held for people coming with it (0: none)
 * @param releaseAt when held places it has not used return to general sale; null: held until the event starts
 * @param revokedAt null while it is valid
 */
public record Invitation(
        InvitationId id,
        String partner,
        String code,
        int seatsHeld,
        @Nullable Instant releaseAt,
        Instant createdAt,
        @Nullable Instant revokedAt) {

    public static final int MAX_PARTNER_LENGTH = 120;

    public boolean revoked() {
        return revokedAt != null;
    }

    /** The places it holds now: none once revoked. */
    public int seatsHolding() {
        return revoked() ? 0 : seatsHeld;
    }

    /** Whether the code someone brought is this invitation's, and it still counts. */
    boolean admits(String candidate) {
        return !revoked() && InvitationCode.matches(candidate, code);
    }

    Invitation revoke(Instant now) {
        return revoked() ? this : new Invitation(id, partner, code, seatsHeld, releaseAt, createdAt, now);
    }

    /** Without the code, so printing an invitation never gives it away. */
    @Override
    public String toString() {
        return "Invitation[id=" + id + ", seatsHeld=" + seatsHeld + ", releaseAt=" + releaseAt + ", revokedAt="
                + revokedAt + "]";
    }
}
