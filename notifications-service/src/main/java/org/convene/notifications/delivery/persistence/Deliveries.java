package org.convene.notifications.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class Deliveries {

    private final ReactiveMongoTemplate mongo;

    Deliveries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records the delivery once; the same cause again is a no-op. */
    public Mono<Void> enqueue(Delivery delivery) {
        return mongo.insert(delivery).then().onErrorResume(DuplicateKeyException.class, again -> Mono.empty());
    }

    /** Pending deliveries that are due and that no sender holds. */
    public Flux<Delivery> due(Instant now, int limit) {
        return mongo.find(
                query(where("status")
                                .is(Delivery.PENDING)
                                .and("nextAttemptAt")
                                .lte(now)
                                .orOperator(
                                        where("leaseUntil").is(null),
                                        where("leaseUntil").lt(now)))
                        .with(Sort.by("createdAt"))
                        .limit(limit),
                Delivery.class);
    }

    /** Claims a delivery for one sender; matched or not is the only answer trusted. */
    public Mono<Boolean> claim(String id, Instant now, Instant leaseUntil) {
        var free = query(where("_id")
                .is(id)
                .and("status")
                .is(Delivery.PENDING)
                .orOperator(where("leaseUntil").is(null), where("leaseUntil").lt(now)));
        return mongo.updateFirst(free, new Update().set("leaseUntil", leaseUntil), Delivery.class)
                .map(result -> result.getModifiedCount() == 1);
    }

    public Mono<Void> markSent(String id, Instant at) {
        return mongo.updateFirst(
                        query(where("_id").is(id)),
                        // The private link is not kept once the email carrying it has gone.
                        new Update()
                                .set("status", Delivery.SENT)
                                .set("sentAt", at)
                                .unset("leaseUntil")
                                .unset("privateLink"),
                        Delivery.class)
                .then();
    }

    public Mono<Void> retryLater(String id, int attempts, Instant next, String error) {
        return mongo.updateFirst(
                        query(where("_id").is(id)),
                        new Update()
                                .set("attempts", attempts)
                                .set("nextAttemptAt", next)
                                .set("lastError", error)
                                .unset("leaseUntil"),
                        Delivery.class)
                .then();
    }

    public Mono<Void> markFailed(String id, int attempts, String error) {
        return mongo.updateFirst(
                        query(where("_id").is(id)),
                        new Update()
                                .set("status", Delivery.FAILED)
                                .set("attempts", attempts)
                                .set("lastError", error)
                                .unset("leaseUntil")
                                .unset("privateLink"),
                        Delivery.class)
                .then();
    }

    /** Gives up on a delivery that can never be sent, with the reason for operators. */
    public Mono<Void> abandon(String id, String reason) {
        return mongo.updateFirst(
                        query(where("_id").is(id)),
                        new Update()
                                .set("status", Delivery.FAILED)
                                .set("lastError", reason)
                                .unset("leaseUntil")
                                .unset("privateLink"),
                        Delivery.class)
                .then();
    }

    public Mono<Long> count(String status) {
        return mongo.count(query(new Criteria("status").is(status)), Delivery.class);
    }
}
