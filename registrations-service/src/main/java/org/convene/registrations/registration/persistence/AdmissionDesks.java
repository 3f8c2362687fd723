package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.bson.Document;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.NotFound;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedger;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.convene.registrations.registration.persistence.MongoSeatLedgers.LedgerDocument;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit (ADR 6): one desk per event in this instance takes the changes waiting for it (new
 * arrivals, seats taken for a party served from the queue, seats given back, parties joining or
 * leaving the queue), lets {@link SeatLedger} decide them in order against the ledger as last known,
 * and writes the ledger once, only if it is still at the version decided on. The store sees one
 * write per group instead of one or more per change, by {@code _id} and {@code ledgerVersion}: the
 * fields of the unique index {@code version_check}, which the embedded store uses (ADR 1).
 *
 * <p>The ledger as last written here is kept, so a group needs no read unless something else
 * changed the ledger (an event update, another instance): every such change moves the version on,
 * the write then matches nothing, and the desk reads the ledger and decides again. A group that
 * changes nothing is answered from the ledger as it is now, read afresh, never from memory.
 */
final class AdmissionDesks {

    /** Changes decided in one write at most. */
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

    Mono<SeatLedger.Admission> admit(
            EventId event, RegistrationId registration, int seats, @Nullable String invitation) {
        return decide(event, ledger -> ledger.admit(registration, seats, invitation, maxWaiting));
    }

    /**
     * Any change of one event's ledger, decided in order with the others waiting for the same
     * desk. The decision may run more than once (a lost compare-and-set decides the group again on
     * the ledger read afresh), so it must depend on nothing but the ledger it is given.
     */
    <R> Mono<R> decide(EventId event, Function<SeatLedger, R> decision) {
        return Mono.<Object>create(sink -> desk(event.value()).submit(new Change(decision, sink)))
                .map(answer -> {
                    @SuppressWarnings("unchecked")
                    var typed = (R) answer;
                    return typed;
                });
    }

    /** The event's ledger as stored now, for reading only. */
    Mono<SeatLedger> read(EventId event) {
        return mongo.findById(event.value(), Document.class, MongoSeatLedgers.COLLECTION)
                .timeout(storeTimeout)
                .map(stored -> known(stored).ledger());
    }

    /** The ledger as a desk last wrote or read it, if within {@code maxAge}; otherwise null. */
    @Nullable
    LedgerDocument recent(String eventId, Duration maxAge) {
        var desk = desks.get(eventId);
        if (desk == null) {
            return null;
        }
        var known = desk.known;
        return known != null && System.nanoTime() - desk.knownAt < maxAge.toNanos() ? known.document() : null;
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

    private Known known(Document stored) {
        var holders = PartyLists.decode(stored.remove("holders"));
        var queue = PartyLists.decode(stored.remove("queue"));
        return new Known(mongo.getConverter().read(LedgerDocument.class, stored), holders, queue);
    }

    private record Change(Function<SeatLedger, ?> decision, MonoSink<Object> answer) {}

    /** A ledger as read or written: its fields without the lists, and the lists decoded. */
    private record Known(LedgerDocument document, List<SeatLedgers.Queued> holders, List<SeatLedgers.Queued> queue) {

        SeatLedger ledger() {
            return new SeatLedger(
                    document.status(),
                    document.ledgerVersion() == null ? -1 : document.ledgerVersion(),
                    document.seatsLeft(),
                    document.seatsTaken(),
                    holders,
                    queue,
                    document.invitationsOrNone(),
                    // Places held until a release date are held no longer once it has passed.
                    java.time.Instant.now());
        }
    }

    private final class Desk {

        private final String eventId;
        private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean deciding = new AtomicBoolean();

        /** The ledger as this desk last wrote or read it; null when it must be read. */
        private volatile @Nullable Known known;

        /** When {@link #known} was written or read ({@link System#nanoTime()}). */
        private volatile long knownAt;

        Desk(String eventId) {
            this.eventId = eventId;
        }

        boolean idle() {
            return !deciding.get() && changes.isEmpty();
        }

        void submit(Change change) {
            changes.add(change);
            next();
        }

        /** Starts the next group unless one is being decided; the one deciding starts it when done. */
        private void next() {
            if (!deciding.compareAndSet(false, true)) {
                return;
            }
            var group = new ArrayList<Change>();
            Change change;
            while (group.size() < MAX_GROUP && (change = changes.poll()) != null) {
                group.add(change);
            }
            if (group.isEmpty()) {
                deciding.set(false);
                // One may have arrived after the poll and before the flag was cleared.
                if (!changes.isEmpty()) {
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
                            answers -> {
                                for (int i = 0; i < group.size(); i++) {
                                    group.get(i).answer().success(answers.get(i));
                                }
                            },
                            error -> {
                                known = null;
                                group.forEach(each -> each.answer().error(error));
                            });
        }

        private Mono<List<Object>> decide(List<Change> group, int attempt) {
            var cached = known;
            var ledger = cached != null ? Mono.just(cached) : read();
            return ledger.flatMap(read -> {
                var decider = read.ledger();
                var answers = new ArrayList<Object>(group.size());
                for (var change : group) {
                    answers.add(change.decision().apply(decider));
                }
                if (!decider.changed()) {
                    // Nothing changed: answer from the ledger as it is now, not as remembered.
                    if (cached != null) {
                        known = null;
                        return decide(group, attempt);
                    }
                    remember(read);
                    return Mono.just(answers);
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
                                remember(after(read.document(), decider));
                                return Mono.just((List<Object>) answers);
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

        private void remember(Known ledger) {
            knownAt = System.nanoTime();
            known = ledger;
        }

        private Mono<Known> read() {
            return mongo.findById(eventId, Document.class, MongoSeatLedgers.COLLECTION)
                    .timeout(storeTimeout)
                    .switchIfEmpty(Mono.error(() -> new NotFound("No event " + eventId)))
                    .flatMap(document -> document.get("ledgerVersion") != null
                            ? Mono.just(known(document))
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

        /** The whole ledger as decided: counts, both lists, and the next version. */
        private static Update write(SeatLedger decided) {
            return new Update()
                    .set("seatsLeft", decided.seatsLeft())
                    .set("seatsTaken", decided.seatsTaken())
                    .set("waiting", decided.waiting())
                    .set("holders", PartyLists.encode(decided.holders()))
                    .set("queue", PartyLists.encode(decided.queue()))
                    .set("seatsTakenByInvitation", decided.seatsTakenByInvitation())
                    .set("ledgerVersion", decided.version() + 1);
        }

        private static Known after(LedgerDocument before, SeatLedger decided) {
            var document = before.after(decided);
            return new Known(document, decided.holders(), decided.queue());
        }
    }
}
