package org.convene.notifications.config;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The indexes the senders' scans and the token lookups rely on. None of them keeps an invariant:
 * uniqueness comes from the documents' ids, so nothing is wrong while they are being built.
 */
@Component
class NotificationsIndexes {

    private final ReactiveMongoTemplate mongo;

    NotificationsIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        Flux.concat(
                        mongo.indexOps("deliveries")
                                .createIndex(new Index()
                                        .on("status", Sort.Direction.ASC)
                                        .on("nextAttemptAt", Sort.Direction.ASC)),
                        mongo.indexOps("registrants")
                                .createIndex(new Index()
                                        .on("eventId", Sort.Direction.ASC)
                                        .on("status", Sort.Direction.ASC)),
                        mongo.indexOps("event_views")
                                .createIndex(new Index()
                                        .on("status", Sort.Direction.ASC)
                                        .on("startsAt", Sort.Direction.ASC)),
                        mongo.indexOps("subscribers").createIndex(new Index().on("token", Sort.Direction.ASC)),
                        mongo.indexOps("subscribers")
                                .createIndex(new Index()
                                        .on("organisationId", Sort.Direction.ASC)
                                        .on("status", Sort.Direction.ASC)),
                        mongo.indexOps("newsletters")
                                .createIndex(new Index()
                                        .on("status", Sort.Direction.ASC)
                                        .on("sendAt", Sort.Direction.ASC)),
                        mongo.indexOps("newsletter_deliveries")
                                .createIndex(new Index()
                                        .on("newsletterId", Sort.Direction.ASC)
                                        .on("status", Sort.Direction.ASC)),
                        mongo.indexOps("newsletter_deliveries")
                                .createIndex(new Index().on("subscriberId", Sort.Direction.ASC)))
                .subscribe();
    }
}
