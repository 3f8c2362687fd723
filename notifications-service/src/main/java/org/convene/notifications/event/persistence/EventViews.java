package org.convene.notifications.event.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.convene.contracts.events.EventMessage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The notifications service's own view of events; a message older than the view changes nothing. */
@Repository
public class EventViews {

    private final ReactiveMongoTemplate mongo;

    EventViews(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<EventView> find(String eventId) {
        return mongo.findById(eventId, EventView.class);
    }

    /** Published events starting in the window, for reminders. */
    public reactor.core.publisher.Flux<EventView> startingBetween(java.time.Instant from, java.time.Instant to) {
        return mongo.find(
                query(where("status")
                        .is(EventView.PUBLISHED)
                        .and("startsAt")
                        .gt(from)
                        .lte(to)),
                EventView.class);
    }

    public Mono<Void> apply(EventMessage message) {
        var venue = message.venue();
        var update = new Update()
                .set("version", message.aggregateVersion())
                .set("organisationId", message.organisationId())
                .set("status", message.status().name())
                .set("title", message.title())
                .set("startsAt", message.startsAt())
                .set("endsAt", message.endsAt())
                .set("timeZone", message.timeZone())
                .set("venueName", venue == null ? null : venue.name())
                .set("venueAddress", venue == null ? null : venue.address())
                .set("venuePostcode", venue == null ? null : venue.postcode())
                .set("accessibility", venue == null ? java.util.List.of() : venue.accessibility())
                .set("online", message.online())
                .set("onlineLink", message.onlineLink())
                .set("cancellationReason", message.cancellationReason());
        var older = query(where("_id").is(message.eventId()).and("version").lt(message.aggregateVersion()));
        return mongo.updateFirst(older, update, EventView.class)
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.<Void>empty()
                        : mongo.exists(query(where("_id").is(message.eventId())), EventView.class)
                                .flatMap(exists -> exists
                                        ? Mono.<Void>empty()
                                        : mongo.upsert(
                                                        query(where("_id").is(message.eventId())),
                                                        update,
                                                        EventView.class)
                                                .then()))
                .onErrorResume(DuplicateKeyException.class, raced -> apply(message));
    }
}
