package org.convene.notifications.subscription.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriberChanged;
import org.convene.notifications.subscription.domain.SubscriberStatus;
import org.convene.notifications.subscription.domain.Subscribers;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Subscribers, one document per address per organisation. {@link Subscriber} decides every change; each is
 * stored by one update matched on the id and the version it was decided from, so two requests racing cannot
 * both send a confirmation or undo an unsubscribe. Only whether an update matched is trusted (ADR 1: the
 * embedded store).
 */
@Repository
class MongoSubscribers implements Subscribers {

    static final String COLLECTION = "subscribers";

    private final ReactiveMongoTemplate mongo;

    MongoSubscribers(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> insertIfAbsent(Subscriber subscriber) {
        return mongo.insert(subscriber, COLLECTION)
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, exists -> Mono.just(false));
    }

    @Override
    public Mono<Subscriber> byId(String id) {
        return mongo.findById(id, Subscriber.class, COLLECTION);
    }

    @Override
    public Mono<Subscriber> byToken(String token) {
        return token == null || token.isBlank()
                ? Mono.empty()
                : mongo.findOne(query(where("token").is(token)), Subscriber.class, COLLECTION);
    }

    /**
     * Every field {@link Subscriber} decides, set (or unset when it has none, as the document had before), in
     * one update matched on the id and the version it was decided from.
     */
    @Override
    public Mono<Subscriber> update(Subscriber decidedFrom, Subscriber changed) {
        var update = new Update();
        setOrUnset(update, "name", changed.name());
        setOrUnset(update, "topics", changed.topics());
        setOrUnset(update, "status", changed.status());
        setOrUnset(update, "token", changed.token());
        setOrUnset(update, "subscribedAt", changed.subscribedAt());
        setOrUnset(update, "confirmedAt", changed.confirmedAt());
        setOrUnset(update, "unsubscribedAt", changed.unsubscribedAt());
        setOrUnset(update, "lastConfirmationSentAt", changed.lastConfirmationSentAt());
        setOrUnset(update, "language", changed.language());
        setOrUnset(update, "easyRead", changed.easyRead());
        update.set("version", changed.version());
        return mongo.updateFirst(atVersion(decidedFrom), update, COLLECTION)
                .flatMap(result -> result.getMatchedCount() == 1 || decidedFrom.version() != 0
                        ? Mono.just(result)
                        : mongo.updateFirst(unversioned(decidedFrom), update, COLLECTION))
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.just(changed)
                        : Mono.error(new SubscriberChanged(decidedFrom.id(), decidedFrom.version())));
    }

    @Override
    public Mono<Subscriber> remove(Subscriber subscriber) {
        return mongo.remove(atVersion(subscriber), COLLECTION)
                .flatMap(result -> result.getDeletedCount() == 1 || subscriber.version() != 0
                        ? Mono.just(result)
                        : mongo.remove(unversioned(subscriber), COLLECTION))
                .flatMap(result -> result.getDeletedCount() == 1
                        ? Mono.just(subscriber)
                        : Mono.error(new SubscriberChanged(subscriber.id(), subscriber.version())));
    }

    /**
     * Exactly the fields of the unique index {@code version_check} (NotificationsIndexes), which the embedded
     * store then uses instead of scanning every subscriber (ADR 1).
     */
    private static Query atVersion(Subscriber subscriber) {
        return query(where("_id").is(subscriber.id()).and("version").is(subscriber.version()));
    }

    /**
     * Subscribers stored before versions have no version field and read as version 0: asked only when the
     * indexed form found nothing at version 0, so once per such subscriber (its first change gives it one).
     */
    private static Query unversioned(Subscriber subscriber) {
        return query(where("_id").is(subscriber.id()).and("version").exists(false));
    }

    private static void setOrUnset(Update update, String field, @Nullable Object value) {
        if (value == null) {
            update.unset(field);
        } else {
            update.set(field, value);
        }
    }

    @Override
    public Flux<Subscriber> confirmedFor(String organisationId, Collection<String> topics) {
        return mongo.find(
                query(where("organisationId")
                                .is(organisationId)
                                .and("status")
                                .is(SubscriberStatus.CONFIRMED)
                                .and("topics")
                                .in(topics))
                        .with(org.springframework.data.domain.Sort.by("_id")),
                Subscriber.class,
                COLLECTION);
    }

    @Override
    public Flux<Subscriber> byIds(Collection<String> ids) {
        return mongo.find(query(new Criteria("_id").in(ids)), Subscriber.class, COLLECTION);
    }
}
