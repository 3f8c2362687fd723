package org.convene.registrations.registration.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public interface Registrations {

    /** Stores a new pending registration; {@link DuplicateRegistration} when the person or key is already there. */
    Mono<Registration> insert(Registration registration, String idempotencyKey);

    Mono<Registration> findById(RegistrationId id);

    Mono<Registration> findByManageTokenHash(String hash);

    Mono<Registration> findByIdempotencyKey(EventId event, String idempotencyKey);

    /** The person's active registration for the event, if any. */
    Mono<Registration> findActive(EventId event, Attendee attendee);

    /**
     * Moves the registration from its current status and version to {@code to}, with its message in
     * the same write; false if someone else moved it first.
     */
    Mono<Boolean> transition(Registration current, RegistrationStatus to, List<RegistrationChange> messages);

    /**
     * The same, also writing the group as it is now: which of its young people still wait after an
     * organiser accepted the others, or none once they are served.
     */
    Mono<Boolean> transition(
            Registration current, RegistrationStatus to, @Nullable Group group, List<RegistrationChange> messages);

    /** Registrations in the status that were last touched before the instant, for reconciliation. */
    Flux<Registration> stale(RegistrationStatus status, java.time.Instant before);

    /** The event's registrations for its organisers, in the order they came, optionally of one status. */
    Flux<RegistrationEntry> forEvent(EventId event, @Nullable RegistrationStatus status);

    /** Marks attendance of a confirmed registration, with its message if any; false if it is not confirmed. */
    Mono<Boolean> markAttendance(RegistrationId id, Attendance attendance, List<RegistrationChange> messages);

    /** Marks one young person of a confirmed group at the door; false if the registration is not confirmed. */
    Mono<Boolean> markMemberAttendance(RegistrationId id, String memberId, Attendance attendance);

    /** Replaces the support needs of an active registration; false if it is cancelled. */
    Mono<Boolean> changeSupportNeeds(RegistrationId id, SupportNeeds needs);

    /**
     * The person's language and reading mode, written with {@code message} if the registration is still at
     * {@code current}'s version and not cancelled; the version moves on.
     */
    Mono<Boolean> changeReading(Registration current, Attendee changed, RegistrationChange message);

    /** The group's new members (and so seats), if the registration is still at {@code current}'s version. */
    default Mono<Boolean> changeGroup(Registration current, Group group) {
        return changeGroup(current, group, List.of());
    }

    /** The same, with messages about the change in the same write. */
    Mono<Boolean> changeGroup(Registration current, Group group, List<RegistrationChange> messages);

    /** Removes the person's data for good, keeping only what counts need (status, seats, companions' kinds). */
    Mono<Void> erase(RegistrationId id);

    /** Registrations of the event that are not cancelled. */
    Flux<Registration> active(EventId event);

    /** Cancelled registrations whose seats or queue place may not have been given back yet. */
    Flux<Registration> cancelledStillHoldingSeats(java.time.Instant before);

    /** Records that a cancelled registration's seats or queue place were given back. */
    Mono<Void> markSeatsFreed(RegistrationId id);

    /**
     * Adds a message about the registration as it is (no change of its own), in one write; false if
     * it does not exist.
     */
    Mono<Boolean> announce(RegistrationId id, RegistrationChange message);
}
