package org.convene.notifications.subscription.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriberStatus;
import org.convene.notifications.subscription.domain.Subscribers;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Subscribers, one document per address per organisation. Every change is one conditional update,
 * so two requests racing cannot both send a confirmation or undo an unsubscribe. Only whether an
 * update matched is trusted (ADR 1: the embedded store); the document is read afterwards.
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
    public Mono<Subscriber> askAgain(
            String id,
            String name,
            Set<String> topics,
            String language,
            boolean easyRead,
            String newToken,
            Instant now,
            Instant askedBefore) {
        var pending = query(where("_id")
                .is(id)
                .and("status")
                .is(SubscriberStatus.PENDING)
                .and("lastConfirmationSentAt")
                .lt(askedBefore));
        var left = query(where("_id")
                .is(id)
                .and("status")
                .is(SubscriberStatus.UNSUBSCRIBED)
                .and("lastConfirmationSentAt")
                .lt(askedBefore));
        var ask = new Update()
                .set("name", name)
                .set("topics", topics)
                .set("language", language)
                .set("easyRead", easyRead)
                .set("lastConfirmationSentAt", now);
        // Someone who left and comes back gets a new token: links in old emails stay dead.
        var rejoin = new Update()
                .set("name", name)
                .set("topics", topics)
                .set("language", language)
                .set("easyRead", easyRead)
                .set("lastConfirmationSentAt", now)
                .set("status", SubscriberStatus.PENDING)
                .set("token", newToken)
                .set("subscribedAt", now)
                .unset("confirmedAt")
                .unset("unsubscribedAt");
        return mongo.updateFirst(pending, ask, COLLECTION)
                .flatMap(result -> result.getModifiedCount() == 1
                        ? Mono.just(true)
                        : mongo.updateFirst(left, rejoin, COLLECTION).map(again -> again.getModifiedCount() == 1))
                .filter(asked -> asked)
                .flatMap(asked -> mongo.findById(id, Subscriber.class, COLLECTION));
    }

    @Override
    public Mono<Subscriber> byToken(String token) {
        return token == null || token.isBlank()
                ? Mono.empty()
                : mongo.findOne(query(where("token").is(token)), Subscriber.class, COLLECTION);
    }

    @Override
    public Mono<Subscriber> confirm(String token, Instant now) {
        return mongo.updateFirst(
                        query(where("token")
                                .is(token)
                                .and("status")
                                .in(SubscriberStatus.from(SubscriberStatus.CONFIRMED))),
                        new Update().set("status", SubscriberStatus.CONFIRMED).set("confirmedAt", now),
                        COLLECTION)
                .then(byToken(token))
                .filter(subscriber -> subscriber.status() == SubscriberStatus.CONFIRMED);
    }

    @Override
    public Mono<Subscriber> changePreferences(
            String token, String name, Set<String> topics, String language, Boolean easyRead) {
        var update = new Update().set("name", name).set("topics", topics);
        if (language != null) {
            update.set("language", language);
        }
        if (easyRead != null) {
            update.set("easyRead", easyRead);
        }
        return mongo.updateFirst(query(where("token").is(token)), update, COLLECTION)
                .filter(result -> result.getMatchedCount() == 1)
                .flatMap(changed -> byToken(token));
    }

    @Override
    public Mono<Subscriber> unsubscribe(String token, Instant now) {
        return mongo.updateFirst(
                        query(where("token")
                                .is(token)
                                .and("status")
                                .in(SubscriberStatus.from(SubscriberStatus.UNSUBSCRIBED))),
                        new Update()
                                .set("status", SubscriberStatus.UNSUBSCRIBED)
                                .set("unsubscribedAt", now),
                        COLLECTION)
                .then(byToken(token));
    }

    @Override
    public Mono<Subscriber> erase(String token) {
        return mongo.findAndRemove(query(where("token").is(token)), Subscriber.class, COLLECTION);
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
