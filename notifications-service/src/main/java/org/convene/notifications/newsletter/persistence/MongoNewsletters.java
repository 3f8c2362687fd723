package org.convene.notifications.newsletter.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.newsletter.domain.NewsletterDeliveryStatus;
import org.convene.notifications.newsletter.domain.NewsletterStatus;
import org.convene.notifications.newsletter.domain.Newsletters;
import org.convene.notifications.newsletter.domain.Progress;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Newsletters and the state of their sending. The dispatcher's lease fields live beside the
 * newsletter ({@code leaseOwner}, {@code leaseUntil}) and are not part of the domain record.
 */
@Repository
public class MongoNewsletters implements Newsletters {

    static final String COLLECTION = "newsletters";

    private final ReactiveMongoTemplate mongo;
    private final NewsletterDeliveries deliveries;

    MongoNewsletters(ReactiveMongoTemplate mongo, NewsletterDeliveries deliveries) {
        this.mongo = mongo;
        this.deliveries = deliveries;
    }

    @Override
    public Mono<Boolean> insert(Newsletter newsletter) {
        return mongo.insert(newsletter, COLLECTION)
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, exists -> Mono.just(false));
    }

    @Override
    public Mono<Newsletter> find(String organisationId, String id) {
        return mongo.findOne(
                query(where("_id").is(id).and("organisationId").is(organisationId)), Newsletter.class, COLLECTION);
    }

    public Mono<Newsletter> find(String id) {
        return mongo.findById(id, Newsletter.class, COLLECTION);
    }

    @Override
    public Flux<Newsletter> list(String organisationId) {
        return mongo.find(
                query(where("organisationId").is(organisationId))
                        .with(Sort.by(Sort.Direction.DESC, "createdAt"))
                        .limit(200),
                Newsletter.class,
                COLLECTION);
    }

    @Override
    public Mono<Newsletter> schedule(String organisationId, String id, Instant sendAt) {
        return mongo.updateFirst(
                        query(where("_id")
                                .is(id)
                                .and("organisationId")
                                .is(organisationId)
                                .and("status")
                                .in(NewsletterStatus.from(NewsletterStatus.SCHEDULED))),
                        new Update().set("status", NewsletterStatus.SCHEDULED).set("sendAt", sendAt),
                        COLLECTION)
                .filter(result -> result.getMatchedCount() == 1)
                .flatMap(scheduled -> find(organisationId, id));
    }

    @Override
    public Mono<Newsletter> cancel(String organisationId, String id, Instant at) {
        return mongo.updateFirst(
                        query(where("_id")
                                .is(id)
                                .and("organisationId")
                                .is(organisationId)
                                .and("status")
                                .in(NewsletterStatus.from(NewsletterStatus.CANCELLED))),
                        new Update().set("status", NewsletterStatus.CANCELLED).set("finishedAt", at),
                        COLLECTION)
                .filter(result -> result.getMatchedCount() == 1)
                .flatMap(cancelled -> deliveries.cancelPending(id))
                .then(Mono.defer(() -> find(organisationId, id)))
                .filter(found -> found.status() == NewsletterStatus.CANCELLED);
    }

    @Override
    public Mono<Progress> progress(Newsletter newsletter) {
        var id = newsletter.id();
        return Mono.zip(
                List.of(
                        deliveries.count(id, NewsletterDeliveryStatus.SENT),
                        deliveries.count(id, NewsletterDeliveryStatus.FAILED),
                        deliveries.count(id, NewsletterDeliveryStatus.SKIPPED),
                        deliveries.count(id, NewsletterDeliveryStatus.CANCELLED),
                        deliveries.count(id, NewsletterDeliveryStatus.PENDING)),
                counts -> new Progress(
                        newsletter.recipients(),
                        (Long) counts[0],
                        (Long) counts[1],
                        (Long) counts[2],
                        (Long) counts[3],
                        (Long) counts[4]));
    }

    /** A newsletter that is due, or whose sender stopped holding it, now held by this one. */
    public Mono<Newsletter> claimDue(Instant now, String owner, Instant leaseUntil) {
        var due = where("status")
                .in(NewsletterStatus.SCHEDULED, NewsletterStatus.SENDING)
                .and("sendAt")
                .lte(now)
                .orOperator(where("leaseUntil").is(null), where("leaseUntil").lt(now));
        return mongo.find(query(due).with(Sort.by("sendAt")).limit(5), Newsletter.class, COLLECTION)
                .concatMap(candidate -> mongo.updateFirst(
                                query(where("_id")
                                        .is(candidate.id())
                                        .and("status")
                                        .in(NewsletterStatus.SCHEDULED, NewsletterStatus.SENDING)
                                        .orOperator(
                                                where("leaseUntil").is(null),
                                                where("leaseUntil").lt(now))),
                                new Update().set("leaseOwner", owner).set("leaseUntil", leaseUntil),
                                COLLECTION)
                        .filter(result -> result.getModifiedCount() == 1)
                        .flatMap(claimed -> find(candidate.id())))
                .next();
    }

    /** Keeps holding it while sending goes on. */
    public Mono<Boolean> extendLease(String id, String owner, Instant leaseUntil) {
        return mongo.updateFirst(
                        query(where("_id").is(id).and("leaseOwner").is(owner)),
                        new Update().set("leaseUntil", leaseUntil),
                        COLLECTION)
                .map(result -> result.getMatchedCount() == 1);
    }

    public Mono<Void> startSending(String id, Instant at) {
        return mongo.updateFirst(
                        query(where("_id").is(id).and("status").in(NewsletterStatus.from(NewsletterStatus.SENDING))),
                        new Update().set("status", NewsletterStatus.SENDING).set("startedAt", at),
                        COLLECTION)
                .then();
    }

    public Mono<Void> planned(String id, long recipients) {
        return mongo.updateFirst(
                        query(where("_id").is(id)),
                        new Update().set("planned", true).set("recipients", recipients),
                        COLLECTION)
                .then();
    }

    /** Sent, once everyone planned is settled; a cancelled newsletter stays cancelled. */
    public Mono<Void> finish(String id, Instant at) {
        return mongo.updateFirst(
                        query(where("_id").is(id).and("status").in(NewsletterStatus.from(NewsletterStatus.SENT))),
                        new Update()
                                .set("status", NewsletterStatus.SENT)
                                .set("finishedAt", at)
                                .unset("leaseOwner")
                                .unset("leaseUntil"),
                        COLLECTION)
                .then();
    }

    public Mono<Void> release(String id, String owner) {
        return mongo.updateFirst(
                        query(where("_id").is(id).and("leaseOwner").is(owner)),
                        new Update().unset("leaseOwner").unset("leaseUntil"),
                        COLLECTION)
                .then();
    }
}
