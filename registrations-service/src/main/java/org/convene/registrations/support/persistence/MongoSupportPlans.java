package org.convene.registrations.support.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.support.domain.SupportPlans;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * One document per event with what is arranged, written by compare-and-set on {@code _id} and
 * {@code version}: the fields of its unique index, which the embedded store uses (ADR 1).
 */
@Repository
class MongoSupportPlans implements SupportPlans {

    static final String COLLECTION = "support_plans";

    @Document(COLLECTION)
    @CompoundIndex(name = "version_check", def = "{'_id': 1, 'version': 1}", unique = true)
    record PlanDocument(@Id String id, @Nullable Integer daysBefore, List<Arrangement> arranged, long version) {}

    private final ReactiveMongoTemplate mongo;

    MongoSupportPlans(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Plan> find(EventId event) {
        return mongo.findById(event.value(), PlanDocument.class, COLLECTION)
                .map(document -> new Plan(event, document.daysBefore(), document.arranged(), document.version()))
                .defaultIfEmpty(Plan.empty(event));
    }

    @Override
    public Mono<Boolean> save(Plan before, Plan after) {
        if (before.version() < 0) {
            return mongo.insert(
                            new PlanDocument(after.event().value(), after.daysBefore(), after.arranged(), 0),
                            COLLECTION)
                    .thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, raced -> Mono.just(false));
        }
        return mongo.updateFirst(
                        query(where("_id")
                                .is(before.event().value())
                                .and("version")
                                .is(before.version())),
                        new Update()
                                .set("daysBefore", after.daysBefore())
                                .set("arranged", after.arranged())
                                .set("version", before.version() + 1),
                        COLLECTION)
                .map(result -> result.getModifiedCount() == 1);
    }
}
