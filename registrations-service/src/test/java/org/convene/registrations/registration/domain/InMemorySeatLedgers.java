package org.convene.registrations.registration.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The seat ledgers of {@link SeatLedgers} in memory, for unit tests of {@link RegistrationService}. Each change is
 * decided by {@link SeatLedger}, as in the store (ADR 6), on a copy of the event's ledger, and kept only if it
 * changed something; one change at a time, as the store's compare-and-set on one document gives. Like the store,
 * nothing is read or written until the answer is subscribed to. Only what the service calls when registering,
 * cancelling and serving the queue is here.
 */
final class InMemorySeatLedgers implements SeatLedgers {

    /** How many parties a queue holds, as {@code convene.registrations.max-waiting} by default. */
    static final int MAX_WAITING = 10_000;

    private static final class Ledger {
        final EventId event;
        String status;
        int capacity;
        int maxCompanions;
        int groupLimit;
        long version;
        List<Queued> holders = new ArrayList<>();
        List<Queued> queue = new ArrayList<>();

        Ledger(EventId event, String status, int capacity, int maxCompanions, int groupLimit) {
            this.event = event;
            this.status = status;
            this.capacity = capacity;
            this.maxCompanions = maxCompanions;
            this.groupLimit = groupLimit;
        }

        int seatsTaken() {
            return holders.stream().mapToInt(Queued::seats).sum();
        }
    }

    private final Map<EventId, Ledger> ledgers = new HashMap<>();
    private final Clock clock;

    InMemorySeatLedgers(Clock clock) {
        this.clock = clock;
    }

    /** An event as events-service announces it: published (or not) with this capacity. */
    synchronized void event(EventId event, String status, int capacity, int maxCompanions, int groupLimit) {
        ledgers.put(event, new Ledger(event, status, capacity, maxCompanions, groupLimit));
    }

    /** The parties holding seats, in the order they took them. */
    synchronized List<Queued> holders(EventId event) {
        return List.copyOf(ledgers.get(event).holders);
    }

    /** Decides one change on the ledger as it is now, and keeps it if anything changed. */
    private synchronized <T> T decide(EventId event, Function<SeatLedger, T> change) {
        var stored = ledgers.get(event);
        var seatsTaken = stored.seatsTaken();
        var ledger = new SeatLedger(
                stored.status,
                stored.version,
                Math.max(0, stored.capacity - seatsTaken),
                seatsTaken,
                stored.holders,
                stored.queue,
                List.of(),
                clock.instant());
        var answer = change.apply(ledger);
        if (ledger.changed()) {
            stored.holders = new ArrayList<>(ledger.holders());
            stored.queue = new ArrayList<>(ledger.queue());
            stored.version++;
        }
        return answer;
    }

    @Override
    public Mono<EventSeats> find(EventId event) {
        return Mono.fromSupplier(() -> seats(event));
    }

    private synchronized EventSeats seats(EventId event) {
        var ledger = ledgers.get(event);
        if (ledger == null) {
            return null;
        }
        return new EventSeats(
                event,
                "org-test",
                null,
                ledger.status,
                ledger.capacity,
                ledger.seatsTaken(),
                ledger.queue.size(),
                ledger.maxCompanions,
                ledger.groupLimit,
                null,
                null,
                1,
                "PUBLIC",
                List.of(),
                Map.of(),
                null,
                null);
    }

    @Override
    public Mono<EventSeats> findRecent(EventId event) {
        return find(event);
    }

    @Override
    public Mono<SeatLedger.Admission> admit(EventId event, RegistrationId registration, int seats, String invitation) {
        return Mono.fromSupplier(
                () -> decide(event, ledger -> ledger.admit(registration, seats, invitation, MAX_WAITING)));
    }

    @Override
    public Mono<Boolean> take(EventId event, RegistrationId registration, int seats, boolean newArrival) {
        return Mono.fromSupplier(() -> decide(event, ledger -> ledger.take(registration, seats, newArrival)));
    }

    @Override
    public Mono<Boolean> holds(EventId event, RegistrationId registration) {
        return Mono.fromSupplier(() -> decide(event, ledger -> ledger.holds(registration)));
    }

    @Override
    public Mono<Boolean> resize(EventId event, RegistrationId registration, int seats) {
        return Mono.fromSupplier(() -> decide(event, ledger -> ledger.resize(registration, seats)));
    }

    @Override
    public Mono<Boolean> acceptPart(EventId event, RegistrationId registration, int accepted, int rest) {
        return Mono.fromSupplier(() -> decide(event, ledger -> ledger.acceptPart(registration, accepted, rest)));
    }

    @Override
    public Mono<Boolean> release(EventId event, RegistrationId registration, int seats) {
        return Mono.fromSupplier(() -> decide(event, ledger -> ledger.release(registration, seats)));
    }

    @Override
    public Mono<Boolean> apply(EventAnnouncement event) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Mono<Void> joinQueue(EventId event, RegistrationId registration, int seats) {
        return Mono.fromRunnable(() -> decide(event, ledger -> ledger.join(registration, seats)));
    }

    @Override
    public Mono<Boolean> leaveQueue(EventId event, RegistrationId registration) {
        return Mono.fromSupplier(() -> decide(event, ledger -> ledger.leave(registration)));
    }

    @Override
    public Flux<Queued> queue(EventId event) {
        return Flux.defer(() -> Flux.fromIterable(decide(event, SeatLedger::queue)));
    }

    @Override
    public Flux<Queued> servable(EventId event) {
        return Flux.defer(() -> Flux.fromIterable(decide(event, SeatLedger::servable)));
    }

    @Override
    public Flux<ReleaseDue> releasesDue(java.time.Instant now) {
        return Flux.empty();
    }

    @Override
    public Mono<Void> releasesServed(EventId event, java.time.Instant releasedAt) {
        return Mono.empty();
    }

    @Override
    public Mono<Long> positionOf(EventId event, RegistrationId registration) {
        return Mono.fromSupplier(() -> decide(event, ledger -> ledger.placeOf(registration)))
                .filter(place -> place > 0);
    }
}
