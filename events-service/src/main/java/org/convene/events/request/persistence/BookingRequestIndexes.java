package org.convene.events.request.persistence;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** The inbox listing, retention, version checks and duplicate keys; creating an existing index is a no-op. */
@Component
class BookingRequestIndexes {

    private final ReactiveMongoTemplate mongo;

    BookingRequestIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        var requests = mongo.indexOps(MongoBookingRequests.COLLECTION);
        var claims = mongo.indexOps(MongoBookingRequests.CLAIMS);
        Flux.concat(
                        requests.createIndex(new Index()
                                .on("organisationId", Sort.Direction.ASC)
                                .on("receivedAt", Sort.Direction.DESC)),
                        requests.createIndex(new Index().on("closedAt", Sort.Direction.ASC)),
                        // Version checks (_id and version) use this index on the embedded store too (ADR 1).
                        requests.createIndex(new Index()
                                .on("_id", Sort.Direction.ASC)
                                .on("version", Sort.Direction.ASC)
                                .unique()
                                .named("version_check")),
                        claims.createIndex(new Index()
                                .on("_id", Sort.Direction.ASC)
                                .on("requestId", Sort.Direction.ASC)
                                .unique()
                                .named("claim_check")))
                .subscribe();
    }
}
