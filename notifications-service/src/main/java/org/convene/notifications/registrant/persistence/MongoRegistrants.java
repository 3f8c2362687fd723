package org.convene.notifications.registrant.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Optional;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.registrant.domain.RegistrantStatus;
import org.convene.notifications.registrant.domain.Registrants;
import org.convene.notifications.registrant.domain.RegistrationId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who is registered or waiting for each event, one document per registration. */
@Repository
class MongoRegistrants implements Registrants {

    private final ReactiveMongoTemplate mongo;

    MongoRegistrants(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Keeps the newest state of the registration: read by {@code _id}, then written only if still at
     * the version read (the fields of the unique index {@code version_check}), so the embedded store
     * never scans the collection for it (ADR 1); a message older than what is kept changes nothing.
     * A registration just decided is usually not known yet: it is inserted first (one round trip),
     * and compared only when it was.
     */
    @Override
    public Mono<Void> keep(org.convene.notifications.registrant.domain.Registrant kept, boolean justDecided) {
        var registrant = stored(kept);
        return justDecided
                ? insert(registrant).onErrorResume(DuplicateKeyException.class, known -> compare(registrant))
                : compare(registrant);
    }

    private Mono<Void> insert(Registrant registrant) {
        return mongo.insert(registrant).then();
    }

    private Mono<Void> compare(Registrant registrant) {
        return mongo.findById(registrant.registrationId(), Registrant.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(kept -> kept.isEmpty()
                        ? insert(registrant)
                                // Another message about the registration was stored meanwhile (listeners run
                                // messages concurrently): compare versions again against it.
                                .onErrorResume(DuplicateKeyException.class, raced -> compare(registrant))
                        : newer(kept.get(), registrant));
    }

    private Mono<Void> newer(Registrant kept, Registrant registrant) {
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
                .flatMap(result -> result.getMatchedCount() == 1 ? Mono.<Void>empty() : compare(registrant));
    }

    @Override
    public Mono<Void> forget(RegistrationId registrationId) {
        return mongo.remove(query(where("_id").is(registrationId.value())), Registrant.class)
                .then();
    }

    @Override
    public Flux<org.convene.notifications.registrant.domain.Registrant> concernedBy(EventId eventId) {
        return mongo.find(
                        query(where("eventId")
                                .is(eventId.value())
                                .and("status")
                                .in(Registrant.CONFIRMED, Registrant.WAITLISTED)),
                        Registrant.class)
                .map(MongoRegistrants::registrant);
    }

    @Override
    public Flux<org.convene.notifications.registrant.domain.Registrant> confirmedFor(EventId eventId) {
        return mongo.find(
                        query(where("eventId").is(eventId.value()).and("status").is(Registrant.CONFIRMED)),
                        Registrant.class)
                .map(MongoRegistrants::registrant);
    }

    /** Stored as it always was: ids and status as plain strings. */
    private static Registrant stored(org.convene.notifications.registrant.domain.Registrant registrant) {
        return new Registrant(
                registrant.registrationId().value(),
                registrant.eventId().value(),
                registrant.email(),
                registrant.name(),
                registrant.status().name(),
                registrant.confirmedAt(),
                registrant.version(),
                registrant.language(),
                registrant.easyRead());
    }

    /** Kept before issue 21: no language (English) and no reading mode (standard). */
    private static org.convene.notifications.registrant.domain.Registrant registrant(Registrant stored) {
        return new org.convene.notifications.registrant.domain.Registrant(
                new RegistrationId(stored.registrationId()),
                new EventId(stored.eventId()),
                stored.email(),
                stored.name(),
                RegistrantStatus.valueOf(stored.status()),
                stored.confirmedAt(),
                stored.version(),
                stored.language(),
                Boolean.TRUE.equals(stored.easyRead()));
    }
}
