package org.convene.registrations.registration.domain;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The seat ledger of each event: the only truth about who holds seats and who waits in which
 * order (ADR 6). Every change is one conditional single-document update; callers decide on
 * matched or not, never on values read back from the update.
 */
public interface SeatLedgers {

    /**
     * A party: the registration and its seats, and an invitation's id. In the queue, the invitation it
     * registered with (whose held places it may take); among holders, the invitation whose held
     * places it took, null when it took from general sale (ADR 13).
     */
    record Queued(
            RegistrationId registration,
            int seats,
            @Nullable String invitation) {

        public Queued(RegistrationId registration, int seats) {
            this(registration, seats, null);
        }
    }

    Mono<EventSeats> find(EventId event);

    /**
     * The event as this instance last wrote or read its ledger, if that was within the last second;
     * otherwise read. For checks a second's delay cannot hurt (is registration open, how many
     * companions); never for deciding seats.
     */
    Mono<EventSeats> findRecent(EventId event);

    /**
     * A new arrival's seats, or its place at the end of the queue, decided by {@link SeatLedger}
     * and written in one compare-and-set of the event's ledger. Several arrivals for one event may
     * share one write. Admitting a registration again tells what it was given.
     */
    Mono<SeatLedger.Admission> admit(
            EventId event, RegistrationId registration, int seats, @Nullable String invitation);

    /**
     * Gives the registration its seats if they fit, in one atomic step. A new arrival must also
     * find nobody waiting, so it cannot overtake the queue. Taking seats twice for one
     * registration is impossible: a holder is recorded with its seats.
     */
    Mono<Boolean> take(EventId event, RegistrationId registration, int seats, boolean newArrival);

    /** Whether the registration holds seats, whoever recorded it. */
    Mono<Boolean> holds(EventId event, RegistrationId registration);

    /** The party's new size, by {@link SeatLedger#resize}'s rule, in one compare-and-set of the ledger. */
    Mono<Boolean> resize(EventId event, RegistrationId registration, int seats);

    /** Part of a waiting group takes its seats, the rest keeps its place ({@link SeatLedger#acceptPart}). */
    Mono<Boolean> acceptPart(EventId event, RegistrationId registration, int accepted, int rest);

    /** Gives the seats back; false if the registration held none. */
    Mono<Boolean> release(EventId event, RegistrationId registration, int seats);

    /**
     * Applies what events-service announced, if it is newer than what the ledger knows: redelivered
     * and out-of-order messages change nothing. Capacity grows the seats left by as much.
     */
    Mono<Boolean> apply(EventAnnouncement event);

    /**
     * Puts the registration at the end of the event's queue, in the same write that counts it as
     * waiting. The queue's order is the order of these writes, which the store applies one at a
     * time per document. Joining twice, or while holding seats, changes nothing.
     */
    Mono<Void> joinQueue(EventId event, RegistrationId registration, int seats);

    /** Takes the registration out of the queue; false if it was not in it. */
    Mono<Boolean> leaveQueue(EventId event, RegistrationId registration);

    /** The event's queue, head first. */
    Flux<Queued> queue(EventId event);

    /** The parties of the queue whose seats the ledger could give now, head first ({@link SeatLedger#servable}). */
    Flux<Queued> servable(EventId event);

    /** An event whose invitations' held places were released, the latest at {@code releasedAt}. */
    record ReleaseDue(EventId event, java.time.Instant releasedAt) {}

    /** Published events with held places released by {@code now} whose queue was not served since. */
    Flux<ReleaseDue> releasesDue(java.time.Instant now);

    /** Records that the queue was served after the releases up to {@code releasedAt}. */
    Mono<Void> releasesServed(EventId event, java.time.Instant releasedAt);

    /**
     * The registration's place in the queue as the ledger holds it now: 1 for the head, one more
     * for each party still waiting ahead of it; empty if it is not in the queue. Read in one piece
     * from the ledger, so two parties never share a place.
     */
    Mono<Long> positionOf(EventId event, RegistrationId registration);
}
