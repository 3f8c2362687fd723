package org.convene.registrations.registration.domain;

import reactor.core.publisher.Mono;

/**
 * The seat ledger of each event: the only truth about who holds seats (ADR 6). Every method is
 * one conditional single-document update; callers decide on matched or not, never on values
 * read back from the update.
 */
public interface SeatLedgers {

    Mono<EventSeats> find(EventId event);

    /**
     * Gives the registration its seats if they fit, in one atomic step. A new arrival must also
     * find nobody waiting, so it cannot overtake the queue. Taking seats twice for one
     * registration is impossible: a holder is recorded with its seats.
     */
    Mono<Boolean> take(EventId event, RegistrationId registration, int seats, boolean newArrival);

    /** Whether the registration holds seats, whoever recorded it. */
    Mono<Boolean> holds(EventId event, RegistrationId registration);

    /** Gives the seats back; false if the registration held none. */
    Mono<Boolean> release(EventId event, RegistrationId registration, int seats);

    /**
     * Applies what events-service announced, if it is newer than what the ledger knows: redelivered
     * and out-of-order messages change nothing. Capacity grows the seats left by as much.
     */
    Mono<Boolean> apply(org.convene.contracts.events.EventMessage message);

    Mono<Void> joinQueue(EventId event);

    Mono<Void> leaveQueue(EventId event);
}
