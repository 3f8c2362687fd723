package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.EventSeats;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * THE CAPACITY RULE (ADR 6). One document per event holds its capacity, the seats left, the
 * number waiting and every holder of seats. Seats are taken only by one conditional update that
 * requires enough seats left and that the registration holds none yet, and that changes the
 * seats left and the holders together. So seats confirmed can never exceed capacity, whatever
 * runs concurrently, retries or restarts.
 */
@Repository
class MongoSeatLedgers implements SeatLedgers {

    static final String COLLECTION = "seat_ledgers";

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
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
            List<Holder> holders) {}

    record Holder(String registrationId, int seats) {}

    private final ReactiveMongoTemplate mongo;

    MongoSeatLedgers(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<EventSeats> find(EventId event) {
        return mongo.findById(event.value(), LedgerDocument.class).map(MongoSeatLedgers::toSeats);
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
        return mongo.updateFirst(query(fits), take, COLLECTION).map(result -> result.getModifiedCount() == 1);
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
        return mongo.updateFirst(query(held), release, COLLECTION).map(result -> result.getModifiedCount() == 1);
    }

    @Override
    public Mono<Void> joinQueue(EventId event) {
        return mongo.updateFirst(query(where("_id").is(event.value())), new Update().inc("waiting", 1), COLLECTION)
                .then();
    }

    @Override
    public Mono<Void> leaveQueue(EventId event) {
        return mongo.updateFirst(
                        query(where("_id").is(event.value()).and("waiting").gt(0)),
                        new Update().inc("waiting", -1),
                        COLLECTION)
                .then();
    }

    /**
     * Newer versions only. Capacity is changed against the capacity just read, so the seats left
     * move by exactly the difference even if two messages race; a lost race reads again.
     */
    @Override
    public Mono<Boolean> apply(EventMessage message) {
        return mongo.findById(message.eventId(), LedgerDocument.class)
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
                    return mongo.updateFirst(query(newer), update, COLLECTION)
                            .flatMap(result -> result.getModifiedCount() == 1 ? Mono.just(true) : apply(message));
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
