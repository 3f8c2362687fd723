package org.convene.notifications.registrant.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.convene.contracts.registrations.RegistrationMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is registered or waiting for each event, kept from convene.registrations.v1, so that news
 * about an event (a new time) reaches everyone concerned. Newer versions of a registration only.
 */
@Repository
public class Registrants {

    @Document("registrants")
    public record Registrant(
            @Id String registrationId,
            @Indexed String eventId,
            String email,
            String name,
            String status,
            long version) {}

    private final ReactiveMongoTemplate mongo;

    Registrants(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<Void> apply(RegistrationMessage message) {
        var update = new Update()
                .set("eventId", message.eventId())
                .set("email", message.attendeeEmail())
                .set("name", message.attendeeName())
                .set("status", message.status().name())
                .set("version", message.aggregateVersion());
        var olderOrAbsent =
                query(where("_id").is(message.registrationId()).and("version").lt(message.aggregateVersion()));
        return mongo.updateFirst(olderOrAbsent, update, Registrant.class)
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.<Void>empty()
                        : mongo.insert(new Registrant(
                                        message.registrationId(),
                                        message.eventId(),
                                        message.attendeeEmail(),
                                        message.attendeeName(),
                                        message.status().name(),
                                        message.aggregateVersion()))
                                .then()
                                .onErrorResume(
                                        org.springframework.dao.DuplicateKeyException.class,
                                        newerKept -> Mono.empty()));
    }

    /** Everyone confirmed or waiting for the event. */
    public Flux<Registrant> concernedBy(String eventId) {
        return mongo.find(
                query(where("eventId").is(eventId).and("status").in("CONFIRMED", "WAITLISTED")), Registrant.class);
    }
}
