package org.convene.registrations.registration.domain;

import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Repairs what a crash between two steps left behind (ADR 6). The ledger is the truth: a pending
 * registration that holds seats is confirmed, one that does not goes to the queue; a cancelled
 * registration still holding seats or a place in the queue gives them back. Then the queue is
 * served.
 */
public class Reconciliation {

    private final Registrations registrations;
    private final Duration staleAfter;
    private final SeatLedgers ledgers;
    private final RegistrationService service;
    private final Clock clock;

    /**
     * @param staleAfter how old a pending registration must be before it is taken for one a crash
     *     left behind; long enough that a request still running is never repaired under its feet
     */
    public Reconciliation(
            Registrations registrations,
            SeatLedgers ledgers,
            RegistrationService service,
            Clock clock,
            Duration staleAfter) {
        this.registrations = registrations;
        this.staleAfter = staleAfter;
        this.ledgers = ledgers;
        this.service = service;
        this.clock = clock;
    }

    public Mono<Void> run() {
        var before = clock.instant().minus(staleAfter);
        var pending = registrations.stale(RegistrationStatus.PENDING, before).concatMap(service::settle);
        var cancelled = registrations
                .stale(RegistrationStatus.CANCELLED, before)
                .concatMap(registration -> service.giveBack(registration)
                        .filter(freed -> freed)
                        .flatMap(freed -> service.promote(registration.eventId())));
        return pending.thenMany(cancelled).then();
    }
}
