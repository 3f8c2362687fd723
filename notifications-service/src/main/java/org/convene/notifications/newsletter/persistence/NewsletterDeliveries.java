package org.convene.notifications.newsletter.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.MongoBulkWriteException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.convene.notifications.newsletter.domain.NewsletterDeliveryStatus;
import org.convene.notifications.subscription.domain.SubscriberHistory;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deliveries of newsletters. A claim searches for due deliveries once, then takes each by a
 * compare-and-set on {@code _id} and {@code version} (the unique index {@code version_check}, which
 * the embedded store uses: ADR 1), all in one bulk write: only a delivery still exactly as found is
 * taken, so two senders never hold one delivery. Recording what was sent is by {@code _id}, one write per batch.
 */
@Repository
public class NewsletterDeliveries implements SubscriberHistory {

    /** Read-backs of one contended claim in flight at once. */
    private static final int CLAIMS_AT_ONCE = 32;

    private final ReactiveMongoTemplate mongo;

    NewsletterDeliveries(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Adds the deliveries that are not there already, in one unordered write: a delivery planned before
     * (planning repeated after a crash) is refused by its key and the rest still go in.
     */
    public Mono<Void> planAll(List<NewsletterDelivery> planned) {
        if (planned.isEmpty()) {
            return Mono.empty();
        }
        var writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, NewsletterDelivery.class);
        writes.insert(planned);
        return writes.execute()
                .then()
                .onErrorResume(NewsletterDeliveries::onlyAlreadyPlanned, duplicates -> Mono.empty());
    }

    private static boolean onlyAlreadyPlanned(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoBulkWriteException bulk) {
                return bulk.getWriteConcernError() == null
                        && bulk.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY);
            }
            if (cause instanceof BulkOperationException bulk) {
                return bulk.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY);
            }
        }
        return false;
    }

    private static final int DUPLICATE_KEY = 11000;

    public Mono<Long> count(String newsletterId) {
        return mongo.count(query(where("newsletterId").is(newsletterId)), NewsletterDelivery.class);
    }

    /**
     * Claims up to {@code limit} due deliveries of the newsletter for this sender until {@code
     * leaseUntil}: one search (the only operation here that reads more than one delivery), then one
     * write of every delivery found, each a compare-and-set. When all of them took, which is the rule
     * (one instance holds the newsletter's lease), the claim is known without reading anything back;
     * only when another sender changed some in between are they read back by {@code _id}, keeping those
     * this claim moved on.
     */
    public Flux<NewsletterDelivery> claim(
            String newsletterId, String owner, Instant now, Instant leaseUntil, int limit) {
        var free = where("newsletterId")
                .is(newsletterId)
                .and("status")
                .is(NewsletterDeliveryStatus.PENDING.name())
                .and("nextAttemptAt")
                .lte(now)
                .orOperator(where("leaseUntil").is(null), where("leaseUntil").lt(now));
        // In no particular order: sorted, the store would have to match every delivery of the collection
        // before taking the first; unsorted, the embedded store stops at the limit.
        return mongo.find(query(free).limit(limit), NewsletterDelivery.class)
                .collectList()
                .flatMapMany(found -> take(found, owner, leaseUntil));
    }

    private Flux<NewsletterDelivery> take(List<NewsletterDelivery> found, String owner, Instant leaseUntil) {
        if (found.isEmpty()) {
            return Flux.empty();
        }
        var writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, NewsletterDelivery.class);
        for (var delivery : found) {
            writes.updateOne(
                    query(asFound(delivery)),
                    new Update()
                            .set("leaseOwner", owner)
                            .set("leaseUntil", leaseUntil)
                            .set("version", next(delivery)));
        }
        return writes.execute().flatMapMany(result -> {
            if (result.getModifiedCount() == found.size()) {
                return Flux.fromIterable(found).map(delivery -> delivery.claimed(owner, leaseUntil, next(delivery)));
            }
            return Flux.fromIterable(found)
                    .flatMap(
                            delivery -> mongo.findById(delivery.id(), NewsletterDelivery.class)
                                    .filter(current -> owner.equals(current.leaseOwner())
                                            && Long.valueOf(next(delivery)).equals(current.version())),
                            CLAIMS_AT_ONCE);
        });
    }

    /**
     * The delivery exactly as found: by {@code _id} and {@code version}, the fields of the unique index
     * the embedded store answers from.
     */
    private static Criteria asFound(NewsletterDelivery found) {
        var asFound = where("_id").is(found.id()).and("version");
        return found.version() == null ? asFound.exists(false) : asFound.is(found.version());
    }

    private static long next(NewsletterDelivery found) {
        return found.version() == null ? 1L : found.version() + 1;
    }

    public Mono<Void> markSent(Collection<String> ids, Instant at) {
        return settle(
                ids,
                new Update().set("status", NewsletterDeliveryStatus.SENT.name()).set("sentAt", at));
    }

    /** Held but not sent: free for the next claim at once. */
    public Mono<Void> giveBack(Collection<String> ids) {
        return settle(ids, new Update());
    }

    public Mono<Void> markSkipped(Collection<String> ids) {
        return settle(ids, new Update().set("status", NewsletterDeliveryStatus.SKIPPED.name()));
    }

    public Mono<Void> markFailed(String id, int attempts, String error) {
        return settle(
                List.of(id),
                new Update()
                        .set("status", NewsletterDeliveryStatus.FAILED.name())
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
                                .is(NewsletterDeliveryStatus.PENDING.name())),
                        new Update()
                                .set("status", NewsletterDeliveryStatus.CANCELLED.name())
                                .inc("version", 1),
                        NewsletterDelivery.class)
                .then();
    }

    public Mono<Long> count(String newsletterId, NewsletterDeliveryStatus status) {
        return mongo.count(
                query(where("newsletterId").is(newsletterId).and("status").is(status.name())),
                NewsletterDelivery.class);
    }

    public Mono<Long> pendingOverall() {
        return mongo.count(
                query(where("status").is(NewsletterDeliveryStatus.PENDING.name())), NewsletterDelivery.class);
    }

    /** One write for the batch, each delivery by {@code _id} alone (an {@code $in} would search them all). */
    private Mono<Void> settle(Collection<String> ids, Update update) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        var settled = update.unset("leaseOwner").unset("leaseUntil").inc("version", 1);
        var writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, NewsletterDelivery.class);
        ids.forEach(id -> writes.updateOne(query(where("_id").is(id)), settled));
        return writes.execute().then();
    }

    @Override
    public Flux<Received> of(String subscriberId) {
        return mongo.find(query(where("subscriberId").is(subscriberId)), NewsletterDelivery.class)
                .concatMap(delivery -> mongo.findById(
                                delivery.newsletterId(),
                                org.convene.notifications.newsletter.domain.Newsletter.class,
                                MongoNewsletters.COLLECTION)
                        .map(newsletter -> new Received(
                                newsletter.id(),
                                newsletter.subject(),
                                delivery.status().name(),
                                delivery.sentAt())));
    }

    @Override
    public Mono<Void> forget(String subscriberId) {
        return mongo.remove(query(where("subscriberId").is(subscriberId)), NewsletterDelivery.class)
                .then();
    }
}
