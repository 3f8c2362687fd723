package org.convene.events.event.persistence;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The indexes the listings and the outbox relay rely on; creating an existing index is a no-op. */
@Component
class EventIndexes {

    private final ReactiveMongoTemplate mongo;

    EventIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        var indexes = mongo.indexOps(EventDocument.class);
        Flux.concat(
                        indexes.createIndex(new Index()
                                .on("status", Sort.Direction.ASC)
                                .on("startsAt", Sort.Direction.ASC)
                                .on("_id", Sort.Direction.ASC)),
                        indexes.createIndex(new Index()
                                .on("organisationId", Sort.Direction.ASC)
                                .on("startsAt", Sort.Direction.ASC)),
                        // Version checks (_id and version) use this index on the embedded store too (ADR 1).
                        indexes.createIndex(new Index()
                                .on("_id", Sort.Direction.ASC)
                                .on("version", Sort.Direction.ASC)
                                .unique()
                                .named("version_check")))
                .subscribe();
    }
}
