package org.convene.notifications.newsletter.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.convene.notifications.subscription.domain.SubscriberHistory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deliveries of newsletters. Claiming is one conditional multi-update stamped with this
 * sender's lease, then a read of what carries the stamp: only what was matched is trusted.
 */
@Repository
public class NewsletterDeliveries implements SubscriberHistory {

    private final ReactiveMongoTemplate mongo;

    NewsletterDeliveries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Adds the delivery unless it is there already (planning repeated after a crash). */
    public Mono<Void> plan(NewsletterDelivery delivery) {
        return mongo.insert(delivery).then().onErrorResume(DuplicateKeyException.class, planned -> Mono.empty());
    }

    public Mono<Long> count(String newsletterId) {
        return mongo.count(query(where("newsletterId").is(newsletterId)), NewsletterDelivery.class);
    }

    /** Claims up to {@code limit} due deliveries of the newsletter for this sender until {@code leaseUntil}. */
    public Flux<NewsletterDelivery> claim(
            String newsletterId, String owner, Instant now, Instant leaseUntil, int limit) {
        var free = where("newsletterId")
                .is(newsletterId)
                .and("status")
                .is(NewsletterDelivery.PENDING)
                .and("nextAttemptAt")
                .lte(now)
                .orOperator(where("leaseUntil").is(null), where("leaseUntil").lt(now));
        return mongo.find(query(free).with(Sort.by("_id")).limit(limit), NewsletterDelivery.class)
                .map(NewsletterDelivery::id)
                .collectList()
                .filter(ids -> !ids.isEmpty())
                .flatMapMany(ids -> mongo.updateMulti(
                                query(Criteria.where("_id")
                                        .in(ids)
                                        .and("status")
                                        .is(NewsletterDelivery.PENDING)
                                        .orOperator(
                                                where("leaseUntil").is(null),
                                                where("leaseUntil").lt(now))),
                                new Update().set("leaseOwner", owner).set("leaseUntil", leaseUntil),
                                NewsletterDelivery.class)
                        .thenMany(mongo.find(
                                query(where("_id")
                                        .in(ids)
                                        .and("leaseOwner")
                                        .is(owner)
                                        .and("leaseUntil")
                                        .is(leaseUntil)
                                        .and("status")
                                        .is(NewsletterDelivery.PENDING)),
                                NewsletterDelivery.class)));
    }

    public Mono<Void> markSent(Collection<String> ids, Instant at) {
        return settle(ids, new Update().set("status", NewsletterDelivery.SENT).set("sentAt", at));
    }

    public Mono<Void> markSkipped(Collection<String> ids) {
        return settle(ids, new Update().set("status", NewsletterDelivery.SKIPPED));
    }

    public Mono<Void> markFailed(String id, int attempts, String error) {
        return settle(
                List.of(id),
                new Update()
                        .set("status", NewsletterDelivery.FAILED)
                        .set("attempts", attempts)
                        .set("lastError", error));
    }

    public Mono<Void> retryLater(String id, int attempts, Instant next, String error) {
        return settle(
                List.of(id),
                new Update()
                        .set("attempts", attempts)
                        .set("nextAttemptAt", next)
                        .set("lastError", error));
    }

    /** What was not sent yet never will be. */
    public Mono<Void> cancelPending(String newsletterId) {
        return mongo.updateMulti(
                        query(where("newsletterId")
                                .is(newsletterId)
                                .and("status")
                                .is(NewsletterDelivery.PENDING)),
                        new Update().set("status", NewsletterDelivery.CANCELLED),
                        NewsletterDelivery.class)
                .then();
    }

    public Mono<Long> count(String newsletterId, String status) {
        return mongo.count(
                query(where("newsletterId").is(newsletterId).and("status").is(status)), NewsletterDelivery.class);
    }

    public Mono<Long> pendingOverall() {
        return mongo.count(query(where("status").is(NewsletterDelivery.PENDING)), NewsletterDelivery.class);
    }

    private Mono<Void> settle(Collection<String> ids, Update update) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return mongo.updateMulti(
                        query(where("_id").in(ids)),
                        update.unset("leaseOwner").unset("leaseUntil"),
                        NewsletterDelivery.class)
                .then();
    }

    @Override
    public Flux<Received> of(String subscriberId) {
        return mongo.find(query(where("subscriberId").is(subscriberId)), NewsletterDelivery.class)
                .concatMap(delivery -> mongo.findById(
                                delivery.newsletterId(),
                                org.convene.notifications.newsletter.domain.Newsletter.class,
                                MongoNewsletters.COLLECTION)
                        .map(newsletter -> new Received(
                                newsletter.id(), newsletter.subject(), delivery.status(), delivery.sentAt())));
    }

    @Override
    public Mono<Void> forget(String subscriberId) {
        return mongo.remove(query(where("subscriberId").is(subscriberId)), NewsletterDelivery.class)
                .then();
    }
}
