package org.convene.notifications.event.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.convene.contracts.events.EventMessage;
import org.convene.notifications.event.domain.Event;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.event.domain.EventStatus;
import org.convene.notifications.event.domain.Events;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The notifications service's own view of events; a message older than the view changes nothing. */
@Repository
public class EventViews implements Events {

    private final ReactiveMongoTemplate mongo;

    EventViews(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Event> find(EventId id) {
        return mongo.findById(id.value(), EventView.class).map(EventViews::event);
    }

    /** Published events starting in the window, for reminders. */
    @Override
    public Flux<Event> startingBetween(Instant from, Instant to) {
        return mongo.find(
                        query(where("status")
                                .is(EventView.PUBLISHED)
                                .and("startsAt")
                                .gt(from)
                                .lte(to)),
                        EventView.class)
                .map(EventViews::event);
    }

    private static Event event(EventView view) {
        return new Event(
                new EventId(view.id()),
                view.version(),
                new OrganisationId(view.organisationId()),
                EventStatus.valueOf(view.status()),
                view.title(),
                view.startsAt(),
                view.endsAt(),
                view.timeZone(),
                view.venueName(),
                view.venueAddress(),
                view.venuePostcode(),
                view.accessibility(),
                view.online(),
                view.onlineLink(),
                view.cancellationReason());
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
                .set("accessibility", venue == null ? List.of() : venue.accessibility())
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
