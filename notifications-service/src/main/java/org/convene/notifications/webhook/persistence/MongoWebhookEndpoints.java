package org.convene.notifications.webhook.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.convene.notifications.webhook.domain.WebhookEndpoint;
import org.convene.notifications.webhook.domain.WebhookEndpoints;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Endpoints in {@code webhook_endpoints}. The per-organisation limit is kept by a counter in {@code
 * webhook_quotas} taken before the endpoint is inserted (a conditional increment: two organisers adding
 * the last one at once cannot both succeed) and given back when one is removed or the insert fails.
 */
public class MongoWebhookEndpoints implements WebhookEndpoints {

    static final String COLLECTION = "webhook_endpoints";
    private static final String QUOTAS = "webhook_quotas";

    private final ReactiveMongoTemplate mongo;
    private final int limit;

    public MongoWebhookEndpoints(ReactiveMongoTemplate mongo, int limit) {
        this.mongo = mongo;
        this.limit = limit;
    }

    @Override
    public Mono<WebhookEndpoint> insert(WebhookEndpoint endpoint) {
        var organisation = endpoint.organisationId();
        return takeQuota(organisation)
                .filter(taken -> taken)
                .flatMap(taken -> mongo.insert(endpoint, COLLECTION)
                        .onErrorResume(e -> giveQuota(organisation).then(Mono.error(e))));
    }

    private Mono<Boolean> takeQuota(String organisation) {
        return mongo.findAndModify(
                        query(where("_id").is(organisation).and("count").lt(limit)),
                        new Update().inc("count", 1),
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class,
                        QUOTAS)
                .map(found -> true)
                .defaultIfEmpty(true)
                // The organisation's counter exists and is at the limit: the upsert's insert collides.
                .onErrorResume(DuplicateKeyException.class, full -> Mono.just(false));
    }

    private Mono<Void> giveQuota(String organisation) {
        return mongo.updateFirst(
                        query(where("_id").is(organisation).and("count").gt(0)), new Update().inc("count", -1), QUOTAS)
                .then();
    }

    @Override
    public Mono<Long> countOf(String organisationId) {
        return mongo.count(query(where("organisationId").is(organisationId)), COLLECTION);
    }

    @Override
    public Flux<WebhookEndpoint> of(String organisationId) {
        return mongo.find(
                query(where("organisationId").is(organisationId)).with(Sort.by("createdAt")),
                WebhookEndpoint.class,
                COLLECTION);
    }

    @Override
    public Mono<WebhookEndpoint> find(String organisationId, String id) {
        return mongo.findById(id, WebhookEndpoint.class, COLLECTION)
                .filter(found -> found.organisationId().equals(organisationId));
    }

    public Mono<WebhookEndpoint> findById(String id) {
        return mongo.findById(id, WebhookEndpoint.class, COLLECTION);
    }

    @Override
    public Mono<WebhookEndpoint> save(WebhookEndpoint endpoint) {
        return mongo.save(endpoint, COLLECTION);
    }

    @Override
    public Mono<Boolean> delete(String organisationId, String id) {
        return mongo.remove(query(where("_id").is(id).and("organisationId").is(organisationId)), COLLECTION)
                .flatMap(result -> result.getDeletedCount() == 1
                        ? giveQuota(organisationId).thenReturn(true)
                        : Mono.just(false));
    }

    @Override
    public Mono<Boolean> anyWanting(String type) {
        return mongo.find(query(where("enabled").is(true)), WebhookEndpoint.class, COLLECTION)
                .any(endpoint -> endpoint.eventTypes().contains(type));
    }

    /** Stops deliveries to it (it answered 410 Gone); an organiser can turn it on again. */
    public Mono<Void> disable(String id, String reason, java.time.Instant now) {
        return mongo.updateFirst(
                        query(where("_id").is(id)),
                        new Update()
                                .set("enabled", false)
                                .set("disabledReason", reason)
                                .set("updatedAt", now),
                        COLLECTION)
                .then();
    }
}
