package org.convene.notifications.webhook.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.UUID;
import org.convene.notifications.webhook.domain.WebhookDeliveries;
import org.convene.notifications.webhook.domain.WebhookDelivery;
import org.convene.notifications.webhook.domain.WebhookDeliveryStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Webhook deliveries in {@code webhook_deliveries}, and the sender's claims on them (ADR 17, after ADR
 * 9): a sender takes a delivery by a conditional update on {@code _id} and the {@code lease} value it saw,
 * replacing it with one of its own; every outcome is recorded conditionally on {@code _id} and the lease
 * it holds, so a sender that lost its lease changes nothing. Only matched / not matched is trusted (ADR 1).
 */
public class MongoWebhookDeliveries implements WebhookDeliveries {

    static final String COLLECTION = "webhook_deliveries";

    private final ReactiveMongoTemplate mongo;

    public MongoWebhookDeliveries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> enqueue(WebhookDelivery delivery) {
        return mongo.insert(delivery, COLLECTION)
                .then()
                .onErrorResume(DuplicateKeyException.class, again -> Mono.empty());
    }

    @Override
    public Flux<WebhookDelivery> of(String endpointId, int limit) {
        return mongo.find(
                query(where("endpointId").is(endpointId))
                        .with(Sort.by(Sort.Direction.DESC, "createdAt"))
                        .limit(limit),
                WebhookDelivery.class,
                COLLECTION);
    }

    @Override
    public Mono<WebhookDelivery> find(String endpointId, String id) {
        return mongo.findById(id, WebhookDelivery.class, COLLECTION)
                .filter(found -> found.endpointId().equals(endpointId));
    }

    @Override
    public Mono<WebhookDelivery> sendAgain(String endpointId, String id, Instant now, Instant retryUntil) {
        return mongo.findAndModify(
                query(where("_id").is(id).and("endpointId").is(endpointId)),
                new Update()
                        .set("status", WebhookDeliveryStatus.PENDING.name())
                        .set("nextAttemptAt", now)
                        .set("retryUntil", retryUntil)
                        .set("lease", UUID.randomUUID().toString())
                        .set("leaseUntil", null),
                FindAndModifyOptions.options().returnNew(true),
                WebhookDelivery.class,
                COLLECTION);
    }

    @Override
    public Mono<Void> removeOf(String endpointId) {
        return mongo.remove(query(where("endpointId").is(endpointId)), COLLECTION)
                .then();
    }

    /** Pending and due, not held by a living lease, oldest sequence first. */
    public Flux<WebhookDelivery> due(Instant now, int limit) {
        return mongo.find(
                query(where("status")
                                .is(WebhookDeliveryStatus.PENDING.name())
                                .and("nextAttemptAt")
                                .lte(now)
                                .orOperator(
                                        where("leaseUntil").is(null),
                                        where("leaseUntil").lte(now)))
                        .with(Sort.by("nextAttemptAt"))
                        .limit(limit),
                WebhookDelivery.class,
                COLLECTION);
    }

    /** Whether an earlier delivery about the same thing to the same endpoint is still pending: this one waits. */
    public Mono<Boolean> waitsForAnEarlierOne(WebhookDelivery delivery) {
        return mongo.exists(
                query(where("endpointId")
                        .is(delivery.endpointId())
                        .and("aggregateId")
                        .is(delivery.aggregateId())
                        .and("status")
                        .is(WebhookDeliveryStatus.PENDING.name())
                        .and("sequence")
                        .lt(delivery.sequence())),
                COLLECTION);
    }

    /** Taken by this sender if it is still exactly as seen (same lease value); empty if anyone changed it. */
    public Mono<WebhookDelivery> claim(WebhookDelivery seen, String lease, Instant now, Instant leaseUntil) {
        return mongo.findAndModify(
                        // Exactly the fields of the unique index id_lease, which the embedded store then uses (ADR 1);
                        // every change of status also changes the lease, so a settled one never matches.
                        query(where("_id").is(seen.id()).and("lease").is(seen.lease())),
                        new Update()
                                .set("lease", lease)
                                .set("leaseUntil", leaseUntil)
                                .set("lastAttemptAt", now),
                        WebhookDelivery.class,
                        COLLECTION)
                .map(before -> seen);
    }

    /**
     * The receiver said 2xx: recorded as delivered even when this sender's lease ran out meanwhile (as for
     * an email the server accepted, ADR 9), so nobody sends it a third time; false when the lease was lost.
     */
    public Mono<Boolean> delivered(String id, String lease, int status, Instant now) {
        return outcome(id, lease, deliveredUpdate(status, now))
                .flatMap(held -> held
                        ? Mono.just(true)
                        : mongo.updateFirst(
                                        query(where("_id")
                                                .is(id)
                                                .and("status")
                                                .ne(WebhookDeliveryStatus.DELIVERED.name())),
                                        deliveredUpdate(status, now)
                                                .set("lease", UUID.randomUUID().toString())
                                                .set("leaseUntil", null),
                                        COLLECTION)
                                .thenReturn(false));
    }

    private static Update deliveredUpdate(int status, Instant now) {
        return new Update()
                .set("status", WebhookDeliveryStatus.DELIVERED.name())
                .inc("attempts", 1)
                .set("lastStatusCode", status)
                .set("lastError", null)
                .set("deliveredAt", now)
                .set("nextAttemptAt", null);
    }

    public Mono<Boolean> retryLater(
            String id, String lease, @Nullable Integer status, @Nullable String error, Instant next) {
        return outcome(
                id,
                lease,
                new Update()
                        .inc("attempts", 1)
                        .set("lastStatusCode", status)
                        .set("lastError", error)
                        .set("nextAttemptAt", next));
    }

    public Mono<Boolean> failed(String id, String lease, @Nullable Integer status, @Nullable String error) {
        return outcome(
                id,
                lease,
                new Update()
                        .set("status", WebhookDeliveryStatus.FAILED.name())
                        .inc("attempts", 1)
                        .set("lastStatusCode", status)
                        .set("lastError", error)
                        .set("nextAttemptAt", null));
    }

    /** The endpoint is off (410, or an organiser): what waits for it is failed, visible and sendable again. */
    public Mono<Long> failPendingOf(String endpointId, String error) {
        return mongo.updateMulti(
                        query(where("endpointId")
                                .is(endpointId)
                                .and("status")
                                .is(WebhookDeliveryStatus.PENDING.name())),
                        new Update()
                                .set("status", WebhookDeliveryStatus.FAILED.name())
                                .set("lastError", error)
                                .set("nextAttemptAt", null)
                                .set("lease", UUID.randomUUID().toString()),
                        COLLECTION)
                .map(result -> result.getModifiedCount());
    }

    public Mono<Long> countPending() {
        return mongo.count(query(where("status").is(WebhookDeliveryStatus.PENDING.name())), COLLECTION);
    }

    /** The oldest pending delivery's creation, for the stall gauge; empty when none waits. */
    public Mono<Instant> oldestPendingSince() {
        return mongo.findOne(
                        query(where("status").is(WebhookDeliveryStatus.PENDING.name()))
                                .with(Sort.by("createdAt"))
                                .limit(1),
                        WebhookDelivery.class,
                        COLLECTION)
                .map(WebhookDelivery::createdAt);
    }

    private Mono<Boolean> outcome(String id, String lease, Update update) {
        // A fresh lease value at every change of hands: a delivery seen before cannot be claimed after it changed.
        update.set("lease", UUID.randomUUID().toString()).set("leaseUntil", null);
        return mongo.updateFirst(query(Criteria.where("_id").is(id).and("lease").is(lease)), update, COLLECTION)
                .map(result -> result.getMatchedCount() == 1);
    }
}
