package org.convene.notifications.registrant.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.notifications.mail.EasyRead;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is registered or waiting for each event, kept from convene.registrations.v1, so that news
 * about an event (a new time, a reminder) reaches everyone concerned. Newer versions only.
 */
@Repository
public class Registrants {

    private final ReactiveMongoTemplate mongo;

    Registrants(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Keeps the newest state of the registration: read by {@code _id}, then written only if still at
     * the version read (the fields of the unique index {@code version_check}), so the embedded store
     * never scans the collection for it (ADR 1); a message older than what is kept changes nothing.
     * A registration just decided is usually not known yet: it is inserted first (one round trip),
     * and compared only when it was.
     */
    public Mono<Void> apply(RegistrationMessage message) {
        var registrant = of(message);
        return switch (message.type()) {
            case RegistrationConfirmed, RegistrationWaitlisted ->
                insert(registrant).onErrorResume(DuplicateKeyException.class, known -> compare(message, registrant));
            default -> compare(message, registrant);
        };
    }

    private Mono<Void> insert(Registrant registrant) {
        return mongo.insert(registrant).then();
    }

    private Mono<Void> compare(RegistrationMessage message, Registrant registrant) {
        return mongo.findById(message.registrationId(), Registrant.class)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(kept -> kept.isEmpty()
                        ? insert(registrant)
                                // Another message about the registration was stored meanwhile (listeners run
                                // messages concurrently): compare versions again against it.
                                .onErrorResume(DuplicateKeyException.class, raced -> compare(message, registrant))
                        : newer(kept.get(), registrant, message));
    }

    private Mono<Void> newer(Registrant kept, Registrant registrant, RegistrationMessage message) {
        if (kept.version() >= registrant.version()) {
            return Mono.empty();
        }
        var update = new Update()
                .set("eventId", registrant.eventId())
                .set("email", registrant.email())
                .set("name", registrant.name())
                .set("status", registrant.status())
                .set("confirmedAt", registrant.confirmedAt())
                .set("version", registrant.version())
                .set("language", registrant.language())
                .set("easyRead", registrant.easyRead());
        return mongo.updateFirst(
                        query(where("_id")
                                .is(kept.registrationId())
                                .and("version")
                                .is(kept.version())),
                        update,
                        Registrant.class)
                .flatMap(result -> result.getMatchedCount() == 1 ? Mono.<Void>empty() : compare(message, registrant));
    }

    /** The person's data was erased: nothing about them is kept, not even that they registered. */
    public Mono<Void> forget(String registrationId) {
        return mongo.remove(query(where("_id").is(registrationId)), Registrant.class)
                .then();
    }

    private static Registrant of(RegistrationMessage message) {
        var status = message.status().name();
        var active = !status.equals("CANCELLED");
        return new Registrant(
                message.registrationId(),
                message.eventId(),
                active ? message.attendeeEmail() : null,
                active ? message.attendeeName() : null,
                status,
                status.equals(Registrant.CONFIRMED) ? message.occurredAt() : null,
                message.aggregateVersion(),
                message.languageOrDefault(),
                EasyRead.wanted(message));
    }

    /** Everyone confirmed or waiting for the event. */
    public Flux<Registrant> concernedBy(String eventId) {
        return mongo.find(
                query(where("eventId").is(eventId).and("status").in(Registrant.CONFIRMED, Registrant.WAITLISTED)),
                Registrant.class);
    }

    /** Everyone holding a place at the event. */
    public Flux<Registrant> confirmedFor(String eventId) {
        return mongo.find(query(where("eventId").is(eventId).and("status").is(Registrant.CONFIRMED)), Registrant.class);
    }
}
