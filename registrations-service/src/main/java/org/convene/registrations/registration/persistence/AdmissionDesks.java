package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.NotFound;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedger;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.convene.registrations.registration.persistence.MongoSeatLedgers.Holder;
import org.convene.registrations.registration.persistence.MongoSeatLedgers.LedgerDocument;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit for new arrivals (ADR 6): one desk per event in this instance takes the arrivals
 * waiting for it, lets {@link SeatLedger} decide them in order against the ledger as last known,
 * and writes the ledger once, only if it is still at the version decided on. The store sees one
 * write per group instead of several per arrival, by {@code _id} and {@code ledgerVersion}: the
 * fields of the unique index {@code version_check}, which the embedded store uses (ADR 1).
 *
 * <p>The ledger as last written here is kept, so a group needs no read unless something else
 * changed the ledger (a cancellation, a promotion, another instance): every such change moves the
 * version on, the write then matches nothing, and the desk reads the ledger and decides again.
 */
final class AdmissionDesks {

    /** Arrivals decided in one write at most. */
    private static final int MAX_GROUP = 256;

    /** Lost compare-and-sets before a group is given up (another instance writing all the time). */
    private static final int MAX_ATTEMPTS = 50;

    /** Desks kept for events with nobody arriving; beyond this, idle ones are forgotten. */
    private static final int MAX_IDLE_DESKS = 1_000;

    private final ReactiveMongoTemplate mongo;
    private final int maxWaiting;
    private final Duration storeTimeout;
    private final ConcurrentHashMap<String, Desk> desks = new ConcurrentHashMap<>();

    AdmissionDesks(ReactiveMongoTemplate mongo, int maxWaiting, Duration storeTimeout) {
        this.mongo = mongo;
        this.maxWaiting = maxWaiting;
        this.storeTimeout = storeTimeout;
    }

    Mono<SeatLedger.Admission> admit(EventId event, RegistrationId registration, int seats) {
        return Mono.create(sink -> desk(event.value()).submit(new Arrival(registration, seats, sink)));
    }

    /** The ledger as a desk last wrote or read it, if within {@code maxAge}; otherwise null. */
    LedgerDocument recent(String eventId, Duration maxAge) {
        var desk = desks.get(eventId);
        if (desk == null) {
            return null;
        }
        var known = desk.known;
        return known != null && System.nanoTime() - desk.knownAt < maxAge.toNanos() ? known : null;
    }

    /** Another write of this instance changed the ledger: the next group reads it afresh. */
    void forget(String eventId) {
        var desk = desks.get(eventId);
        if (desk != null) {
            desk.known = null;
        }
    }

    private Desk desk(String eventId) {
        if (desks.size() > MAX_IDLE_DESKS) {
            desks.values().removeIf(Desk::idle);
        }
        return desks.computeIfAbsent(eventId, Desk::new);
    }

    private record Arrival(RegistrationId registration, int seats, MonoSink<SeatLedger.Admission> answer) {}

    private final class Desk {

        private final String eventId;
        private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean deciding = new AtomicBoolean();

        /** The ledger as this desk last wrote or read it; null when it must be read. */
        private volatile LedgerDocument known;

        /** When {@link #known} was written or read ({@link System#nanoTime()}). */
        private volatile long knownAt;

        Desk(String eventId) {
            this.eventId = eventId;
        }

        boolean idle() {
            return !deciding.get() && arrivals.isEmpty();
        }

        void submit(Arrival arrival) {
            arrivals.add(arrival);
            next();
        }

        /** Starts the next group unless one is being decided; the one deciding starts it when done. */
        private void next() {
            if (!deciding.compareAndSet(false, true)) {
                return;
            }
            var group = new ArrayList<Arrival>();
            Arrival arrival;
            while (group.size() < MAX_GROUP && (arrival = arrivals.poll()) != null) {
                group.add(arrival);
            }
            if (group.isEmpty()) {
                deciding.set(false);
                // One may have arrived after the poll and before the flag was cleared.
                if (!arrivals.isEmpty()) {
                    next();
                }
                return;
            }
            decide(group, 0)
                    .doFinally(signal -> {
                        deciding.set(false);
                        next();
                    })
                    .subscribe(
                            admissions -> {
                                for (int i = 0; i < group.size(); i++) {
                                    group.get(i).answer().success(admissions.get(i));
                                }
                            },
                            error -> {
                                known = null;
                                group.forEach(each -> each.answer().error(error));
                            });
        }

        private Mono<List<SeatLedger.Admission>> decide(List<Arrival> group, int attempt) {
            var cached = known;
            var ledger = cached != null ? Mono.just(cached) : read();
            return ledger.flatMap(document -> {
                var decider = new SeatLedger(
                        document.status(),
                        document.ledgerVersion(),
                        document.seatsLeft(),
                        document.seatsTaken(),
                        queued(document.holders()),
                        queued(document.queue()));
                var admissions = group.stream()
                        .map(arrival -> decider.admit(arrival.registration(), arrival.seats(), maxWaiting))
                        .toList();
                if (!decider.changed()) {
                    // Only what they already had: answer from the ledger as it is now, not as remembered.
                    if (cached != null) {
                        known = null;
                        return decide(group, attempt);
                    }
                    remember(document);
                    return Mono.just(admissions);
                }
                return mongo.updateFirst(
                                query(where("_id")
                                        .is(eventId)
                                        .and("ledgerVersion")
                                        .is(decider.version())),
                                write(decider),
                                MongoSeatLedgers.COLLECTION)
                        .timeout(storeTimeout)
                        .flatMap(result -> {
                            if (result.getModifiedCount() == 1) {
                                remember(after(document, decider));
                                return Mono.just(admissions);
                            }
                            known = null;
                            if (attempt + 1 >= MAX_ATTEMPTS) {
                                return Mono.error(new IllegalStateException(
                                        "The seat ledger of " + eventId + " kept changing; gave up"));
                            }
                            return decide(group, attempt + 1);
                        });
            });
        }

        private void remember(LedgerDocument document) {
            knownAt = System.nanoTime();
            known = document;
        }

        private Mono<LedgerDocument> read() {
            return mongo.findById(eventId, LedgerDocument.class, MongoSeatLedgers.COLLECTION)
                    .timeout(storeTimeout)
                    .switchIfEmpty(Mono.error(() -> new NotFound("No event " + eventId)))
                    .flatMap(document -> document.ledgerVersion() != null
                            ? Mono.just(document)
                            // A ledger written before versions were kept: give it one, then read it again.
                            : mongo.updateFirst(
                                            query(where("_id")
                                                    .is(eventId)
                                                    .and("ledgerVersion")
                                                    .exists(false)),
                                            new Update().set("ledgerVersion", 0L),
                                            MongoSeatLedgers.COLLECTION)
                                    .then(Mono.defer(this::read)));
        }

        private static Update write(SeatLedger decided) {
            var update = new Update()
                    .set("seatsLeft", decided.seatsLeft())
                    .set("seatsTaken", decided.seatsTaken())
                    .set("waiting", decided.waiting())
                    .set("ledgerVersion", decided.version() + 1);
            if (!decided.newHolders().isEmpty()) {
                update.push("holders").each(documents(decided.newHolders()));
            }
            if (!decided.newlyQueued().isEmpty()) {
                update.push("queue").each(documents(decided.newlyQueued()));
            }
            return update;
        }

        private static Object[] documents(List<SeatLedgers.Queued> parties) {
            return parties.stream()
                    .map(party ->
                            new Document("registrationId", party.registration().value()).append("seats", party.seats()))
                    .toArray();
        }

        private static LedgerDocument after(LedgerDocument before, SeatLedger decided) {
            var holders = new ArrayList<>(before.holders() == null ? List.<Holder>of() : before.holders());
            decided.newHolders().forEach(party -> holders.add(holder(party)));
            var queue = new ArrayList<>(before.queue() == null ? List.<Holder>of() : before.queue());
            decided.newlyQueued().forEach(party -> queue.add(holder(party)));
            return new LedgerDocument(
                    before.id(),
                    before.organisationId(),
                    before.endsAt(),
                    before.status(),
                    before.capacity(),
                    decided.seatsLeft(),
                    decided.seatsTaken(),
                    decided.waiting(),
                    before.maxCompanions(),
                    before.registrationOpensAt(),
                    before.registrationClosesAt(),
                    before.eventVersion(),
                    decided.version() + 1,
                    List.copyOf(holders),
                    List.copyOf(queue));
        }

        private static Holder holder(SeatLedgers.Queued party) {
            return new Holder(party.registration().value(), party.seats());
        }

        private static List<SeatLedgers.Queued> queued(List<Holder> holders) {
            return holders == null
                    ? List.of()
                    : holders.stream()
                            .map(holder ->
                                    new SeatLedgers.Queued(new RegistrationId(holder.registrationId()), holder.seats()))
                            .toList();
        }
    }
}
