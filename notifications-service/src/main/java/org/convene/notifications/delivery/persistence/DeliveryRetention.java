package org.convene.notifications.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.convene.notifications.delivery.domain.DeliveryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * What notifications-service knows about the people of an event is kept until {@code retention}
 * after the event ended, as registrations-service keeps registrations: then the event's finished
 * deliveries (sent, failed, erased) and its registrants are removed, once per event. Deliveries not
 * finished stay until they are. Runs on a schedule (scans; never on a hot path), safe on several
 * instances: removing twice removes nothing more.
 */
public class DeliveryRetention {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetention.class);
    private static final List<String> FINISHED = Arrays.stream(DeliveryStatus.values())
            .filter(DeliveryStatus::finished)
            .map(DeliveryStatus::name)
            .toList();

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration retention;

    public DeliveryRetention(ReactiveMongoTemplate mongo, Clock clock, Duration retention) {
        this.mongo = mongo;
        this.clock = clock;
        this.retention = retention;
    }

    public Mono<Void> run() {
        var cutoff = clock.instant().minus(retention);
        var ended = query(where("endsAt").lt(cutoff).and("personalDataPurged").ne(true));
        ended.fields().include("_id");
        return mongo.find(ended, Document.class, "event_views")
                .map(view -> view.getString("_id"))
                .concatMap(eventId -> mongo.remove(
                                query(where("eventId").is(eventId).and("status").in(FINISHED)), Delivery.class)
                        .then(mongo.remove(query(where("eventId").is(eventId)), "registrants"))
                        .then(mongo.updateFirst(
                                query(where("_id").is(eventId)),
                                new Update().set("personalDataPurged", true),
                                "event_views"))
                        .doOnSuccess(done -> log.info(
                                "Removed the deliveries and registrants of event {}, ended over {} ago",
                                eventId,
                                retention)))
                .then();
    }
}
