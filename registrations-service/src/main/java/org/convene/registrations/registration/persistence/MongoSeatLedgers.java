package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import org.convene.registrations.registration.domain.EventAnnouncement;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.EventSeats;
import org.convene.registrations.registration.domain.EventSummary;
import org.convene.registrations.registration.domain.Group;
import org.convene.registrations.registration.domain.Invitation;
import org.convene.registrations.registration.domain.NotFound;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedger;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.jspecify.annotations.Nullable;
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
 * The seat ledgers (ADR 6): one document per event holds its capacity, the seats left, every
 * holder of seats and the queue of those waiting, in order. The rules are {@link SeatLedger}'s;
 * this class stores them. Every change of seats or queue is decided by {@link SeatLedger} on the
 * ledger as read at one version and written back in one compare-and-set on {@code _id} and
 * {@code ledgerVersion}, several changes of one event at a time ({@link AdmissionDesks}). So seats
 * confirmed never exceed capacity, a registration holds seats at most once, and the order of the
 * queue is the order of the writes that made it, whatever runs concurrently, retries or restarts.
 *
 * <p>The two lists are stored as one string each ({@link PartyLists}): a ledger is rewritten on
 * every decision, and a list of sub-documents made each write cost as much as the list is long.
 */
@Repository
class MongoSeatLedgers implements SeatLedgers {

    static final String COLLECTION = "seat_ledgers";

    /**
     * The ledger's fields; {@code holders} and {@code queue} are {@link PartyLists} strings, read
     * through {@link AdmissionDesks} (most readers exclude them, {@link #withoutLists}).
     */
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
            @Nullable Integer groupLimit,
            @Nullable Instant registrationOpensAt,
            @Nullable Instant registrationClosesAt,
            long eventVersion,
            Long ledgerVersion,
            @Nullable String holders,
            @Nullable String queue,
            String visibility,
            java.util.List<Invitation> invitations,
            java.util.Map<String, Integer> seatsTakenByInvitation,
            Instant startsAt,
            EventSummary summary) {

        /** Seats taken from each invitation's held places: the whole truth is the holders' list. */
        LedgerDocument after(SeatLedger decided) {
            return new LedgerDocument(
                    id,
                    organisationId,
                    endsAt,
                    status,
                    capacity,
                    decided.seatsLeft(),
                    decided.seatsTaken(),
                    decided.waiting(),
                    maxCompanions,
                    groupLimit,
                    registrationOpensAt,
                    registrationClosesAt,
                    eventVersion,
                    decided.version() + 1,
                    null,
                    null,
                    visibility,
                    invitations,
                    decided.seatsTakenByInvitation(),
                    startsAt,
                    summary);
        }

        java.util.List<Invitation> invitationsOrNone() {
            return invitations == null ? java.util.List.of() : invitations;
        }
    }

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
    public Mono<SeatLedger.Admission> admit(
            EventId event, RegistrationId registration, int seats, @Nullable String invitation) {
        return desks.admit(event, registration, seats, invitation);
    }

    /** A change of seats or queue; false when there is no ledger (no such event), as nothing changed. */
    private Mono<Boolean> decide(EventId event, java.util.function.Function<SeatLedger, Boolean> change) {
        return desks.decide(event, change).onErrorResume(NotFound.class, noLedger -> Mono.just(false));
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
        return decide(event, ledger -> ledger.take(registration, seats, newArrival));
    }

    @Override
    public Mono<Boolean> holds(EventId event, RegistrationId registration) {
        return desks.read(event).map(ledger -> ledger.holds(registration)).defaultIfEmpty(false);
    }

    @Override
    public Mono<Boolean> release(EventId event, RegistrationId registration, int seats) {
        return decide(event, ledger -> ledger.release(registration, seats));
    }

    @Override
    public Mono<Boolean> acceptPart(EventId event, RegistrationId registration, int accepted, int rest) {
        return decide(event, ledger -> ledger.acceptPart(registration, accepted, rest));
    }

    @Override
    public Mono<Boolean> resize(EventId event, RegistrationId registration, int seats) {
        return decide(event, ledger -> ledger.resize(registration, seats));
    }

    @Override
    public Mono<Void> joinQueue(EventId event, RegistrationId registration, int seats) {
        return decide(event, ledger -> ledger.join(registration, seats)).then();
    }

    @Override
    public Mono<Boolean> leaveQueue(EventId event, RegistrationId registration) {
        return decide(event, ledger -> ledger.leave(registration));
    }

    @Override
    public Flux<Queued> queue(EventId event) {
        return desks.read(event).flatMapIterable(SeatLedger::queue);
    }

    /**
     * Only events with invitations are read (few), and only their invitations: the store has no
     * index for this query (ADR 1), and it runs every few seconds.
     */
    @Override
    public Flux<ReleaseDue> releasesDue(Instant now) {
        var withInvitations =
                query(where("status").is("PUBLISHED").and("invitations.0").exists(true));
        withInvitations.fields().include("invitations").include("releasesServedUntil");
        return mongo.find(withInvitations, org.bson.Document.class, COLLECTION).mapNotNull(ledger -> {
            var served = ledger.getDate("releasesServedUntil");
            Instant latest = null;
            for (var invitation : ledger.getList("invitations", org.bson.Document.class)) {
                var releaseAt = invitation.getDate("releaseAt");
                var held = invitation.getInteger("seatsHeld", 0);
                if (held > 0
                        && releaseAt != null
                        && !releaseAt.toInstant().isAfter(now)
                        && (served == null || releaseAt.after(served))
                        && (latest == null || releaseAt.toInstant().isAfter(latest))) {
                    latest = releaseAt.toInstant();
                }
            }
            return latest == null ? null : new ReleaseDue(new EventId(ledger.getString("_id")), latest);
        });
    }

    @Override
    public Mono<Void> releasesServed(EventId event, Instant releasedAt) {
        return mongo.updateFirst(
                        query(where("_id").is(event.value())),
                        new Update().max("releasesServedUntil", releasedAt),
                        COLLECTION)
                .then();
    }

    @Override
    public Flux<Queued> servable(EventId event) {
        return desks.read(event).flatMapIterable(SeatLedger::servable);
    }

    /**
     * The index of the registration in the queue, read from the one document by {@code _id} (not from
     * a document returned by an update, which the embedded store may mix with another operation's
     * values: ADR 1).
     */
    @Override
    public Mono<Long> positionOf(EventId event, RegistrationId registration) {
        return desks.read(event).map(ledger -> ledger.placeOf(registration)).filter(place -> place > 0);
    }

    /**
     * Newer versions only. Capacity is changed against the capacity just read, so the seats left
     * move by exactly the difference even if two messages race; a lost race reads again.
     */
    @Override
    public Mono<Boolean> apply(EventAnnouncement event) {
        return mongo.findOne(
                        withoutLists(query(where("_id").is(event.eventId().value()))), LedgerDocument.class, COLLECTION)
                .flatMap(current -> {
                    if (current.eventVersion() >= event.version()) {
                        return Mono.just(false);
                    }
                    var newer = where("_id")
                            .is(event.eventId().value())
                            .and("eventVersion")
                            .is(current.eventVersion())
                            .and("capacity")
                            .is(current.capacity());
                    var update = new Update()
                            .set("organisationId", event.organisationId())
                            .set("endsAt", event.endsAt())
                            .set("startsAt", event.startsAt())
                            .set("summary", event.summary())
                            .set("status", event.status())
                            .set("capacity", event.capacity())
                            .inc("seatsLeft", event.capacity() - current.capacity())
                            .set("maxCompanions", event.maxCompanions())
                            .set("groupLimit", event.groupLimit())
                            .set("registrationOpensAt", event.registrationOpensAt())
                            .set("registrationClosesAt", event.registrationClosesAt())
                            .set("visibility", event.visibility())
                            .set("invitations", event.invitations())
                            .set("eventVersion", event.version());
                    return change(event.eventId(), newer, update)
                            .flatMap(applied -> applied ? Mono.just(true) : apply(event));
                })
                .switchIfEmpty(Mono.defer(() -> mongo.insert(
                                new LedgerDocument(
                                        event.eventId().value(),
                                        event.organisationId(),
                                        event.endsAt(),
                                        event.status(),
                                        event.capacity(),
                                        event.capacity(),
                                        0,
                                        0,
                                        event.maxCompanions(),
                                        event.groupLimit(),
                                        event.registrationOpensAt(),
                                        event.registrationClosesAt(),
                                        event.version(),
                                        0L,
                                        "",
                                        "",
                                        event.visibility(),
                                        event.invitations(),
                                        java.util.Map.of(),
                                        event.startsAt(),
                                        event.summary()),
                                COLLECTION)
                        .thenReturn(true)
                        .onErrorResume(DuplicateKeyException.class, raced -> apply(event))));
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
                document.groupLimit() == null ? Group.DEFAULT_LIMIT : document.groupLimit(),
                document.registrationOpensAt(),
                document.registrationClosesAt(),
                document.eventVersion(),
                document.visibility() == null ? "PUBLIC" : document.visibility(),
                document.invitationsOrNone(),
                document.seatsTakenByInvitation(),
                document.startsAt(),
                document.summary());
    }
}
