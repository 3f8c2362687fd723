package org.convene.registrations.registration.domain;

import java.time.Clock;
import reactor.core.publisher.Mono;

/**
 * At an invitation's release date, the places it held and did not use return to general sale
 * (ADR 13). The ledger stops holding them by itself at that time ({@link Holds}); this serves the
 * queue then, as a cancellation would, for every event with a release due since it last did.
 * Safe on several instances and after a restart: serving the queue twice serves nobody twice.
 */
public class HoldReleases {

    private final SeatLedgers ledgers;
    private final RegistrationService registrations;
    private final Clock clock;

    public HoldReleases(SeatLedgers ledgers, RegistrationService registrations, Clock clock) {
        this.ledgers = ledgers;
        this.registrations = registrations;
        this.clock = clock;
    }

    /** One pass: each event whose latest release due now has not been served yet. */
    public Mono<Void> run() {
        var now = clock.instant();
        return ledgers.releasesDue(now)
                .concatMap(due ->
                        registrations.promote(due.event()).then(ledgers.releasesServed(due.event(), due.releasedAt())))
                .then();
    }
}
