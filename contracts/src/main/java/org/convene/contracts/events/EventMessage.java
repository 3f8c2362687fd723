package org.convene.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What events-service publishes on {@code convene.events.v1}, keyed by {@code eventId}. Every type
 * carries the event's whole public state after the change, so a consumer can keep its read model
 * from any one message and needs no other call. The online link is here for one reason: so
 * notifications can send it to people who registered; it is never shown publicly.
 *
 * <p>{@code groupLimit}: the most young people one group may bring; absent (older messages) means the
 * default, 12.
 *
 * <p>{@code visibility}: see {@link Visibility}; a consumer that lists or announces events skips the
 * unlisted ones.
 *
 * <p>{@code invitations}: the event's invitations that are not revoked (ADR 13), each with its code only
 * as a SHA-256 hash, so no code is in any message; absent (older messages) means none.
 *
 * <p>Schema and one sample per type: {@code docs/messages/convene.events.v1/}.
 */
public record EventMessage(
        UUID messageId,
        EventMessageType type,
        Instant occurredAt,
        String eventId,
        long aggregateVersion,
        String organisationId,
        Status status,
        String title,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        int capacity,
        int maxCompanions,
        @Nullable Instant registrationOpensAt,
        @Nullable Instant registrationClosesAt,
        @Nullable VenueSummary venue,
        boolean online,
        @Nullable String onlineLink,
        List<String> interpreterLanguages,
        @Nullable String cancellationReason,
        @Nullable Integer groupLimit,
        @Nullable Visibility visibility,
        @Nullable List<Invitation> invitations) {

    /** The invitations, never null: older messages have none. */
    public List<Invitation> invitationsOrNone() {
        return invitations == null ? List.of() : invitations;
    }

    /**
     * Who finds the event: everyone ({@code PUBLIC}, listed and announced), or only people given its
     * link ({@code UNLISTED}: never listed or announced to subscribers), or only people given an
     * invitation ({@code INVITE_ONLY}: never listed or announced, and registration needs an invitation's
     * code). Absent in older messages: public.
     */
    public enum Visibility {
        PUBLIC,
        UNLISTED,
        INVITE_ONLY
    }

    /**
     * An invitation an organiser shares with a partner organisation (ADR 13).
     *
     * @param id the invitation's id, which registrations made with it carry
     * @param partner the partner organisation's name, as the organiser wrote it
     * @param codeHash the SHA-256 of the invitation's code, lower-case hex: a code is checked by its
     *     hash, and never travels
     * @param seatsHeld places held for registrations made with this invitation (0: none held)
     * @param releaseAt when the places it has not used return to general sale; null: held until the
     *     event starts
     */
    public record Invitation(
            String id,
            String partner,
            String codeHash,
            int seatsHeld,
            @Nullable Instant releaseAt) {}

    public enum Status {
        PUBLISHED,
        CANCELLED,
        COMPLETED
    }

    /** Where the event happens, for emails and reminders; null for an online event. */
    public record VenueSummary(
            String name, String address, @Nullable String postcode, List<String> accessibility) {}
}
