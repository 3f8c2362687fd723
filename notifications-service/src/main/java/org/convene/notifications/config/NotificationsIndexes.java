package org.convene.notifications.config;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The indexes the senders' scans and the token lookups rely on. None of them keeps an invariant:
 * uniqueness comes from the documents' ids, so nothing is wrong while they are being built. The
 * unique one on deliveries' {@code _id} and {@code lease} is unique anyway; it is there so the
 * embedded store finds a delivery by exactly those two fields (its claims and outcomes) without
 * scanning the collection (it uses a unique index only for a query on exactly its fields); the one
 * on registrants' {@code _id} and {@code version} serves their version-checked updates the same way, and
 * so do those of subscribers and newsletters (a newsletter's also names the state it was decided from).
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
                        unique(fields("_id", "lease"), "deliveries", "id_lease"),
                        unique(fields("_id", "version"), "registrants", "version_check"),
                        unique(fields("_id", "version"), "newsletter_deliveries", "version_check"),
                        unique(fields("_id", "version"), "subscribers", "version_check"),
                        unique(fields("_id", "status", "version"), "newsletters", "version_check"),
                        index("deliveries", "status", "nextAttemptAt"),
                        index("registrants", "eventId", "status"),
                        index("event_views", "status", "startsAt"),
                        index("subscribers", "token"),
                        index("subscribers", "organisationId", "status"),
                        index("newsletters", "status", "sendAt"),
                        index("newsletter_deliveries", "newsletterId", "status"),
                        index("newsletter_deliveries", "subscriberId"))
                .subscribe();
    }

    private Mono<String> index(String collection, String... fields) {
        return mongo.indexOps(collection).createIndex(fields(fields));
    }

    private Mono<String> unique(Index index, String collection, String name) {
        return mongo.indexOps(collection).createIndex(index.unique().named(name));
    }

    private static Index fields(String... fields) {
        var index = new Index();
        for (var field : fields) {
            index.on(field, Sort.Direction.ASC);
        }
        return index;
    }
}
