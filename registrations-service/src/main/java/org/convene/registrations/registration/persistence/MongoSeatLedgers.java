package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.EventSeats;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedger;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * THE CAPACITY RULE (ADR 6). One document per event holds its capacity, the seats left, every
 * holder of seats and the queue of those waiting, in order. Seats are taken only by one
 * conditional update that requires enough seats left and that the registration holds none yet,
 * and that changes the seats left and the holders together. So seats confirmed can never exceed
 * capacity, whatever runs concurrently, retries or restarts.
 *
 * <p>THE QUEUE RULE. A party joins the queue by one update that appends it to {@code queue} and
 * counts it in {@code waiting}, and leaves by one that removes it and uncounts it. The store
 * applies updates to one document one at a time, so the array's order is the order of joining and
 * a party's place is its index in the array read afterwards: two parties never share a place, and
 * a place only ever improves, as parties ahead leave.
 */
@Repository
class MongoSeatLedgers implements SeatLedgers {

    static final String COLLECTION = "seat_ledgers";

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    @CompoundIndex(name = "version_check", def = "{'_id': 1, 'ledgerVersion': 1}", unique = true)
    record LedgerDocument(
            @Id String id,
            String organisationId,
            Instant endsAt,
            String status,
            int capacity,
            int seatsLeft,
            int seatsTaken,
            int waiting,
            int maxCompanions,
            Instant registrationOpensAt,
            Instant registrationClosesAt,
            long eventVersion,
            Long ledgerVersion,
            List<Holder> holders,
            List<Holder> queue) {}

    /** A party that holds seats, or one in the queue, with the seats it holds or needs. */
    record Holder(String registrationId, int seats) {}

    private final ReactiveMongoTemplate mongo;
    private final AdmissionDesks desks;

    private static final Duration RECENT = Duration.ofSeconds(1);

    MongoSeatLedgers(ReactiveMongoTemplate mongo) {
        this(mongo, 10_000);
    }

    /**
     * @param maxWaiting the longest queue kept per event, which keeps the ledger document bounded
     */
    @Autowired
    MongoSeatLedgers(ReactiveMongoTemplate mongo, @Value("${convene.registrations.max-waiting:10000}") int maxWaiting) {
        this.mongo = mongo;
        this.desks = new AdmissionDesks(mongo, maxWaiting, Duration.ofSeconds(5));
    }

    @Override
    public Mono<EventSeats> findRecent(EventId event) {
        var known = desks.recent(event.value(), RECENT);
        return known != null ? Mono.just(toSeats(known)) : find(event);
    }

    @Override
    public Mono<SeatLedger.Admission> admit(EventId event, RegistrationId registration, int seats) {
        return desks.admit(event, registration, seats);
    }

    /**
     * Every other change moves the ledger's version on too, so a group decided on the ledger as it
     * was cannot be written over it.
     */
    private Mono<Boolean> change(
            EventId event, org.springframework.data.mongodb.core.query.Criteria when, Update update) {
        desks.forget(event.value());
        return mongo.updateFirst(query(when), update.inc("ledgerVersion", 1), COLLECTION)
                .map(result -> result.getModifiedCount() == 1);
    }

    /** The ledger without its lists, which can be long: what most readers need. */
    static Query withoutLists(Query query) {
        query.fields().exclude("holders").exclude("queue");
        return query;
    }

    @Override
    public Mono<EventSeats> find(EventId event) {
        return mongo.findOne(withoutLists(query(where("_id").is(event.value()))), LedgerDocument.class, COLLECTION)
                .map(MongoSeatLedgers::toSeats);
    }

    @Override
    public Mono<Boolean> take(EventId event, RegistrationId registration, int seats, boolean newArrival) {
        var fits = where("_id")
                .is(event.value())
                .and("status")
                .is("PUBLISHED")
                .and("seatsLeft")
                .gte(seats)
                .and("holders.registrationId")
                .ne(registration.value());
        if (newArrival) {
            fits.and("waiting").is(0);
        }
        var take = new Update()
                .inc("seatsLeft", -seats)
                .inc("seatsTaken", seats)
                .push("holders", new Document("registrationId", registration.value()).append("seats", seats));
        return change(event, fits, take);
    }

    @Override
    public Mono<Boolean> holds(EventId event, RegistrationId registration) {
        return mongo.exists(
                query(where("_id")
                        .is(event.value())
                        .and("holders.registrationId")
                        .is(registration.value())),
                COLLECTION);
    }

    @Override
    public Mono<Boolean> release(EventId event, RegistrationId registration, int seats) {
        var held = where("_id").is(event.value()).and("holders.registrationId").is(registration.value());
        var release = new Update()
                .inc("seatsLeft", seats)
                .inc("seatsTaken", -seats)
                .pull("holders", new Document("registrationId", registration.value()));
        return change(event, held, release);
    }

    @Override
    public Mono<Void> joinQueue(EventId event, RegistrationId registration, int seats) {
        var notYetThere = where("_id")
                .is(event.value())
                .and("queue.registrationId")
                .ne(registration.value())
                .and("holders.registrationId")
                .ne(registration.value());
        var join = new Update()
                .inc("waiting", 1)
                .push("queue", new Document("registrationId", registration.value()).append("seats", seats));
        return change(event, notYetThere, join).then();
    }

    @Override
    public Mono<Boolean> leaveQueue(EventId event, RegistrationId registration) {
        var queued = where("_id").is(event.value()).and("queue.registrationId").is(registration.value());
        var leave = new Update().inc("waiting", -1).pull("queue", new Document("registrationId", registration.value()));
        return change(event, queued, leave);
    }

    @Override
    public Flux<Queued> queue(EventId event) {
        var onlyTheQueue = query(where("_id").is(event.value()));
        onlyTheQueue.fields().include("queue");
        return mongo.findOne(onlyTheQueue, Document.class, COLLECTION)
                .flatMapIterable(ledger -> ledger.getList("queue", Document.class, List.of()))
                .map(queued ->
                        new Queued(new RegistrationId(queued.getString("registrationId")), queued.getInteger("seats")));
    }

    /**
     * The index of the registration in the queue, read from the one document by {@code _id} (not from
     * a document returned by an update, which the embedded store may mix with another operation's
     * values, STACK.md).
     */
    @Override
    public Mono<Long> positionOf(EventId event, RegistrationId registration) {
        var onlyTheQueue = query(where("_id").is(event.value()));
        onlyTheQueue.fields().include("queue.registrationId");
        return mongo.findOne(onlyTheQueue, Document.class, COLLECTION).flatMap(ledger -> {
            var queue = ledger.getList("queue", Document.class, List.of());
            for (int at = 0; at < queue.size(); at++) {
                if (registration.value().equals(queue.get(at).getString("registrationId"))) {
                    return Mono.just((long) at + 1);
                }
            }
            return Mono.empty();
        });
    }

    /**
     * Newer versions only. Capacity is changed against the capacity just read, so the seats left
     * move by exactly the difference even if two messages race; a lost race reads again.
     */
    @Override
    public Mono<Boolean> apply(EventMessage message) {
        return mongo.findOne(withoutLists(query(where("_id").is(message.eventId()))), LedgerDocument.class, COLLECTION)
                .flatMap(current -> {
                    if (current.eventVersion() >= message.aggregateVersion()) {
                        return Mono.just(false);
                    }
                    var newer = where("_id")
                            .is(message.eventId())
                            .and("eventVersion")
                            .is(current.eventVersion())
                            .and("capacity")
                            .is(current.capacity());
                    var update = new Update()
                            .set("organisationId", message.organisationId())
                            .set("endsAt", message.endsAt())
                            .set("status", message.status().name())
                            .set("capacity", message.capacity())
                            .inc("seatsLeft", message.capacity() - current.capacity())
                            .set("maxCompanions", message.maxCompanions())
                            .set("registrationOpensAt", message.registrationOpensAt())
                            .set("registrationClosesAt", message.registrationClosesAt())
                            .set("eventVersion", message.aggregateVersion());
                    return change(new EventId(message.eventId()), newer, update)
                            .flatMap(applied -> applied ? Mono.just(true) : apply(message));
                })
                .switchIfEmpty(Mono.defer(() -> mongo.insert(
                                new LedgerDocument(
                                        message.eventId(),
                                        message.organisationId(),
                                        message.endsAt(),
                                        message.status().name(),
                                        message.capacity(),
                                        message.capacity(),
                                        0,
                                        0,
                                        message.maxCompanions(),
                                        message.registrationOpensAt(),
                                        message.registrationClosesAt(),
                                        message.aggregateVersion(),
                                        0L,
                                        List.of(),
                                        List.of()),
                                COLLECTION)
                        .thenReturn(true)
                        .onErrorResume(DuplicateKeyException.class, raced -> apply(message))));
    }

    private static EventSeats toSeats(LedgerDocument document) {
        return new EventSeats(
                new EventId(document.id()),
                document.organisationId(),
                document.endsAt(),
                document.status(),
                document.capacity(),
                document.seatsTaken(),
                document.waiting(),
                document.maxCompanions(),
                document.registrationOpensAt(),
                document.registrationClosesAt(),
                document.eventVersion());
    }
}
