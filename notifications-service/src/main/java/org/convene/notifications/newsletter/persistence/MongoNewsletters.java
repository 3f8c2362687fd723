package org.convene.notifications.newsletter.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.newsletter.domain.NewsletterChanged;
import org.convene.notifications.newsletter.domain.NewsletterDeliveryStatus;
import org.convene.notifications.newsletter.domain.NewsletterStatus;
import org.convene.notifications.newsletter.domain.Newsletters;
import org.convene.notifications.newsletter.domain.Progress;
import org.jspecify.annotations.Nullable;
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

    /**
     * The organiser's changes, stored in one update matched on the id, the version and the state they were
     * decided from: the sender starts and finishes a newsletter without a version, by changing its state. Only
     * what the organiser decides is written, never the sender's lease, start, plan or count.
     */
    @Override
    public Mono<Newsletter> update(Newsletter decidedFrom, Newsletter changed) {
        var update = new Update().set("status", changed.status()).set("version", changed.version());
        setOrUnset(update, "sendAt", changed.sendAt());
        setOrUnset(update, "finishedAt", changed.finishedAt());
        var version = decidedFrom.version();
        // Exactly the fields of the unique index version_check (NotificationsIndexes), which the embedded store
        // then uses instead of scanning every newsletter (ADR 1).
        var current = where("_id")
                .is(decidedFrom.id())
                .and("status")
                .is(decidedFrom.status())
                .and("version")
                .is(version);
        // Newsletters stored before versions have none and read as version 0: asked only when the indexed
        // form found nothing, so once per such newsletter (its first change gives it a version).
        var unversioned = where("_id")
                .is(decidedFrom.id())
                .and("status")
                .is(decidedFrom.status())
                .and("version")
                .exists(false);
        return mongo.updateFirst(query(current), update, COLLECTION)
                .flatMap(result -> result.getMatchedCount() == 1 || version != 0
                        ? Mono.just(result)
                        : mongo.updateFirst(query(unversioned), update, COLLECTION))
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.just(changed)
                        : Mono.error(new NewsletterChanged(decidedFrom.id(), version)));
    }

    private static void setOrUnset(Update update, String field, @Nullable Object value) {
        if (value == null) {
            update.unset(field);
        } else {
            update.set(field, value);
        }
    }

    @Override
    public Mono<Void> cancelPending(String id) {
        return deliveries.cancelPending(id);
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
