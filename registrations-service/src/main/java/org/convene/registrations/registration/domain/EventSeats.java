package org.convene.registrations.registration.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What this service knows of an event from convene.events.v1, and its seat count (ADR 6): who may
 * find it ({@code visibility}), its invitations and the seats taken from each one's held places
 * (ADR 13). {@code startsAt} is null for ledgers written before it was kept, until the event's next
 * message.
 */
public record EventSeats(
        EventId eventId,
        String organisationId,
        Instant endsAt,
        String status,
        int capacity,
        int seatsTaken,
        int waiting,
        int maxCompanions,
        int groupLimit,
        @Nullable Instant registrationOpensAt,
        @Nullable Instant registrationClosesAt,
        long eventVersion,
        String visibility,
        List<Invitation> invitations,
        Map<String, Integer> seatsTakenByInvitation,
        @Nullable Instant startsAt,
        @Nullable EventSummary summary) {

    public EventSeats {
        invitations = invitations == null ? List.of() : List.copyOf(invitations);
        seatsTakenByInvitation = seatsTakenByInvitation == null ? Map.of() : Map.copyOf(seatsTakenByInvitation);
    }

    public boolean isOpenAt(Instant now) {
        return "PUBLISHED".equals(status)
                && (registrationOpensAt == null || !now.isBefore(registrationOpensAt))
                && (registrationClosesAt == null || now.isBefore(registrationClosesAt));
    }

    public int seatsLeft() {
        return Math.max(0, capacity - seatsTaken);
    }

    /** Whether only people with one of its invitations may see it and register. */
    public boolean inviteOnly() {
        return "INVITE_ONLY".equals(visibility);
    }

    /** The invitation whose code this is, if the event has it and has not revoked it. */
    public Optional<Invitation> invitationWithCode(@Nullable String code) {
        return invitations.stream()
                .filter(invitation -> invitation.admits(code))
                .findFirst();
    }

    /**
     * Who may see the event: anyone, unless it is invitation-only; then only with a code of one of its
     * invitations. Otherwise the event is as unknown as one that does not exist (ADR 13).
     */
    public boolean visibleWith(@Nullable String code) {
        return !inviteOnly() || invitationWithCode(code).isPresent();
    }

    /** The seats a party could take now: with the invitation of this code (or none), by {@link Holds}. */
    public int seatsLeftFor(@Nullable String code, Instant now) {
        var invitation = invitationWithCode(code).map(Invitation::id).orElse(null);
        return new Holds(invitations, seatsTakenByInvitation, now).available(invitation, seatsLeft());
    }
}
