package org.convene.registrations.registration.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What happened to a registration, as the other services must hear it: written with the change itself,
 * in the same write (the outbox), and published by {@code registration/messaging} as the wire's
 * {@code RegistrationMessage} with the same fields. It carries only what notifications need to write to
 * the person: no age, guardian details or free-text support needs.
 *
 * <p>{@code manageToken} only in the first news to the person (confirmed or waitlisted), so their email
 * can hold their private link; {@code groupMembers} empty for a person registering for themselves;
 * {@code arranged} empty but for {@link Type#SUPPORT_ARRANGED}; {@code checkInCode} only when they have a
 * place ({@link Type#CONFIRMED}, {@link Type#PROMOTED}).
 */
public record RegistrationChange(
        UUID messageId,
        Type type,
        Instant occurredAt,
        EventId eventId,
        RegistrationId registrationId,
        long aggregateVersion,
        Standing status,
        @Nullable String attendeeName,
        @Nullable String attendeeEmail,
        int seats,
        List<String> companions,
        @Nullable Integer waitlistPosition,
        @Nullable String manageToken,
        List<String> supportRequested,
        List<Member> groupMembers,
        List<Arranged> arranged,
        String language,
        boolean easyRead,
        @Nullable String checkInCode) {

    public enum Type {
        CONFIRMED,
        WAITLISTED,
        PROMOTED,
        CANCELLED,
        /** Beside a decision, for the organisation: kinds of support asked for, never the person's words. */
        SUPPORT_NEEDS_REQUESTED,
        CHECKED_IN,
        MEMBER_REMOVED,
        MEMBER_ERASED,
        SUPPORT_ARRANGED,
        READING_CHANGED
    }

    /** Where the registration stands after the change, as the wire tells it: a pending one counts as cancelled. */
    public enum Standing {
        CONFIRMED,
        WAITLISTED,
        CANCELLED
    }

    /**
     * A young person of a group: their name, and their address only where the worker asked for their own
     * emails and this is news to them; {@code waiting} true while they still wait for a place, else null.
     */
    public record Member(
            String name, @Nullable String email, @Nullable Boolean waiting) {}

    /** Arranged for the person's support: the kind of need as a code, and the organiser's short note. */
    public record Arranged(String need, @Nullable String note) {}
}
