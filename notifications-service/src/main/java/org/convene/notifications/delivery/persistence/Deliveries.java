package org.convene.notifications.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.convene.notifications.delivery.domain.DeliveryStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The queue of emails. A sender claims a delivery by replacing its {@link Delivery#lease} with a
 * new value, conditionally on {@code _id} and the value it saw (one unique index on exactly those
 * two fields serves it, also on the embedded store); every outcome is recorded the same way,
 * conditionally on the lease the sender holds, so a sender that lost its lease changes nothing —
 * except that an email really sent is always recorded as sent.
 */
@Repository
public class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final ReactiveMongoTemplate mongo;
    private final DeliveryArrivals arrivals;

    Deliveries(ReactiveMongoTemplate mongo, DeliveryArrivals arrivals) {
        this.mongo = mongo;
        this.arrivals = arrivals;
    }

    /** Records the delivery once; the same cause again is a no-op. Hands it to this instance's senders. */
    public Mono<Void> enqueue(Delivery delivery) {
        return mongo.insert(delivery)
                .doOnSuccess(inserted -> {
                    log.debug("Queued {} email {}", delivery.kind(), delivery.ref());
                    arrivals.arrived(delivery);
                })
                .then()
                .onErrorResume(DuplicateKeyException.class, again -> Mono.empty());
    }

    /**
     * The person's data was erased: their deliveries keep no address, name (theirs or their group's) or
     * private link, and one
     * not sent yet never will be (one being sent right now finishes, and is recorded as sent). The
     * records stay, so a message delivered again finds its email already accounted for. Found by the
     * registration they were about, or by an id that names it (reminders, reschedules): a scan, on
     * the rare erasure, never on a hot path.
     */
    public Mono<Void> forgetPerson(String registrationId) {
        var about = new Criteria()
                .orOperator(
                        where("registration.id").is(registrationId),
                        where("_id").regex(":" + java.util.regex.Pattern.quote(registrationId) + "$"));
        var scrubbed = new Update()
                .set("recipient", ERASED)
                .unset("recipientName")
                .unset("privateLink")
                .unset("checkInCode");
        // Only where a group is named: a delivery about no registration has none to go through.
        var namingAGroup = new Criteria()
                .andOperator(about, where("registration.groupMembers").exists(true));
        var notYetSent = new Criteria()
                .andOperator(
                        about,
                        where("status").is(DeliveryStatus.PENDING.name()),
                        new Criteria()
                                .orOperator(
                                        where("leaseUntil").is(null),
                                        where("leaseUntil").lt(java.time.Instant.now())));
        return mongo.updateMulti(query(notYetSent), neverToBeSent(), Delivery.class)
                .then(mongo.updateMulti(query(about), scrubbed, Delivery.class))
                .then(mongo.updateMulti(
                        query(namingAGroup),
                        new Update()
                                .set("registration.groupMembers", List.of())
                                .set("registration.groupWaiting", List.of()),
                        Delivery.class))
                .doOnSuccess(
                        done -> log.info("Forgot the person of registration {} in their deliveries", registrationId))
                .then();
    }

    /**
     * One young person of a group, out of the registration's deliveries: their name from every list of
     * the group, and every email to their own address (those not sent yet are not sent). The rest of
     * the group stays. Deliveries of the message that says so ({@code messageId}) are kept: a redelivered
     * message must not take back the email it asked for.
     */
    public Mono<Void> forgetGroupMember(String messageId, String registrationId, String name, @Nullable String email) {
        var ofTheRegistration = new Criteria()
                .andOperator(
                        where("registration.id").is(registrationId),
                        where("_id").not().regex("^" + java.util.regex.Pattern.quote(messageId + ":")));
        var names = mongo.updateMulti(
                query(ofTheRegistration),
                new Update().pull("registration.groupMembers", name).pull("registration.groupWaiting", name),
                Delivery.class);
        if (email == null || email.isBlank()) {
            return names.doOnSuccess(done -> log.info("Forgot a group member of registration {}", registrationId))
                    .then();
        }
        var theirs =
                new Criteria().andOperator(ofTheRegistration, where("recipient").is(email));
        var notYetSent = new Criteria()
                .andOperator(
                        theirs,
                        where("status").is(DeliveryStatus.PENDING.name()),
                        new Criteria()
                                .orOperator(
                                        where("leaseUntil").is(null),
                                        where("leaseUntil").lt(java.time.Instant.now())));
        return names.then(mongo.updateMulti(query(notYetSent), neverToBeSent(), Delivery.class))
                .then(mongo.updateMulti(
                        query(theirs), new Update().set("recipient", ERASED).unset("recipientName"), Delivery.class))
                .doOnSuccess(done -> log.info("Forgot a group member of registration {}", registrationId))
                .then();
    }

    /**
     * The requester's data was erased (ADR 14): their deliveries keep no address, name or reply text, and
     * one not sent yet never will be. Found by the request they were about: a scan, on the rare erasure.
     */
    public Mono<Void> forgetRequester(String requestId) {
        var about = where("request.id").is(requestId);
        var notYetSent = new Criteria()
                .andOperator(
                        where("request.id").is(requestId),
                        where("status").is(DeliveryStatus.PENDING.name()),
                        new Criteria()
                                .orOperator(
                                        where("leaseUntil").is(null),
                                        where("leaseUntil").lt(java.time.Instant.now())));
        // Only the requester's emails: the organisation's alert has no address of theirs (recipient null).
        var toRequester = new Criteria().andOperator(about, where("recipient").ne(null));
        return mongo.updateMulti(query(notYetSent), neverToBeSent(), Delivery.class)
                .then(mongo.updateMulti(
                        query(toRequester),
                        new Update().set("recipient", ERASED).unset("recipientName"),
                        Delivery.class))
                .then(mongo.updateMulti(query(about), new Update().unset("request.replyText"), Delivery.class))
                .doOnSuccess(
                        done -> log.info("Forgot the requester of booking request {} in their deliveries", requestId))
                .then();
    }

    /** What an erased delivery's recipient reads: no address, and not null (null means the organisation). */
    public static final String ERASED = "(erased)";

    /** Pending deliveries that are due and that no sender holds. */
    public Flux<Delivery> due(Instant now, int limit) {
        return due(now, limit, List.of());
    }

    /**
     * Pending deliveries that are due and that no sender holds, or that one of {@code deadHolders}
     * (instances presumed dead, {@link LiveSenders}) holds, however long its lease still runs.
     */
    public Flux<Delivery> due(Instant now, int limit, List<String> deadHolders) {
        var free = new ArrayList<Criteria>(
                List.of(where("leaseUntil").is(null), where("leaseUntil").lt(now)));
        if (!deadHolders.isEmpty()) {
            free.add(where("holder").in(deadHolders));
        }
        return mongo.find(
                query(where("status")
                                .is(DeliveryStatus.PENDING.name())
                                .and("nextAttemptAt")
                                .lte(now)
                                .orOperator(free))
                        .with(Sort.by("createdAt"))
                        .limit(limit),
                Delivery.class);
    }

    /** A new lease value, never used before. */
    /**
     * Erased, under a new lease: a sender holding a copy given back for a retry (with the address, link and
     * code in it) claims by the old lease, so it finds nothing to claim and never sends it.
     */
    private static Update neverToBeSent() {
        return new Update().set("status", DeliveryStatus.ERASED.name()).set("lease", newLease());
    }

    public static String newLease() {
        return UUID.randomUUID().toString();
    }

    /**
     * Claims a delivery seen pending, due and free, if nothing changed it since it was seen: matched
     * or not is the only answer trusted. {@code holder} is the claiming instance ({@link
     * LiveSenders#self()}), so others can take the delivery over should it die.
     */
    public Mono<Boolean> claim(Delivery seen, Instant now, String lease, Instant leaseUntil, String holder) {
        var unchanged = seen.lease() != null
                ? held(seen.id(), seen.lease())
                // Queued before deliveries had a lease value: the old condition (it scans, and is rare).
                : query(where("_id")
                        .is(seen.id())
                        .and("lease")
                        .exists(false)
                        .and("status")
                        .is(DeliveryStatus.PENDING.name())
                        .orOperator(
                                where("leaseUntil").is(null),
                                where("leaseUntil").lt(now)));
        return mongo.updateFirst(
                        unchanged,
                        new Update()
                                .set("lease", lease)
                                .set("leaseUntil", leaseUntil)
                                .set("holder", holder),
                        Delivery.class)
                .map(result -> result.getMatchedCount() == 1);
    }

    /**
     * Records an email as sent. Conditional on the lease; if the lease was lost meanwhile (another
     * sender may be sending it again), the email was still sent, and that is recorded too: a sent
     * email never stays pending or becomes failed. Says whether the lease was still held.
     */
    public Mono<Boolean> markSent(String id, String lease, Instant at) {
        // The private link is not kept once the email carrying it has gone.
        var sent = new Update()
                .set("status", DeliveryStatus.SENT.name())
                .set("sentAt", at)
                .set("lease", newLease())
                .unset("leaseUntil")
                .unset("privateLink")
                .unset("checkInCode");
        return mongo.updateFirst(held(id, lease), sent, Delivery.class).flatMap(result -> {
            if (result.getMatchedCount() == 1) {
                return Mono.just(true);
            }
            return mongo.updateFirst(query(where("_id").is(id)), sent, Delivery.class)
                    .thenReturn(false);
        });
    }

    /**
     * Gives the delivery back to the queue for another attempt at {@code next}, if still held, and
     * hands it to this instance's senders for that moment.
     */
    public Mono<Boolean> retryLater(Delivery delivery, String lease, int attempts, Instant next, String error) {
        var nextLease = newLease();
        return mongo.updateFirst(
                        held(delivery.id(), lease),
                        new Update()
                                .set("attempts", attempts)
                                .set("nextAttemptAt", next)
                                .set("lastError", error)
                                .set("lease", nextLease)
                                .unset("leaseUntil"),
                        Delivery.class)
                .map(result -> result.getMatchedCount() == 1)
                .doOnNext(given -> {
                    if (given) {
                        arrivals.dueIn(
                                Duration.between(Instant.now(), next),
                                delivery.givenBack(nextLease, attempts, next, error));
                    }
                });
    }

    /**
     * Gives a claimed delivery back untried (the round ran out of time), due at once, if still held,
     * and hands it to this instance's senders.
     */
    public Mono<Boolean> release(Delivery delivery, String lease) {
        var nextLease = newLease();
        return mongo.updateFirst(
                        held(delivery.id(), lease),
                        new Update().set("lease", nextLease).unset("leaseUntil"),
                        Delivery.class)
                .map(result -> result.getMatchedCount() == 1)
                .doOnNext(given -> {
                    if (given) {
                        arrivals.arrived(delivery.givenBack(
                                nextLease, delivery.attempts(), delivery.nextAttemptAt(), delivery.lastError()));
                    }
                });
    }

    public Mono<Boolean> markFailed(String id, String lease, int attempts, String error) {
        return mongo.updateFirst(
                        held(id, lease),
                        new Update()
                                .set("status", DeliveryStatus.FAILED.name())
                                .set("attempts", attempts)
                                .set("lastError", error)
                                .set("lease", newLease())
                                .unset("leaseUntil")
                                .unset("privateLink")
                                .unset("checkInCode"),
                        Delivery.class)
                .map(result -> result.getMatchedCount() == 1);
    }

    /** Gives up on a delivery that can never be sent, with the reason for operators, if still held. */
    public Mono<Boolean> abandon(String id, String lease, String reason) {
        return mongo.updateFirst(
                        held(id, lease),
                        new Update()
                                .set("status", DeliveryStatus.FAILED.name())
                                .set("lastError", reason)
                                .set("lease", newLease())
                                .unset("leaseUntil")
                                .unset("privateLink")
                                .unset("checkInCode"),
                        Delivery.class)
                .map(result -> result.getMatchedCount() == 1);
    }

    public Mono<Long> count(DeliveryStatus status) {
        return mongo.count(query(new Criteria("status").is(status.name())), Delivery.class);
    }

    /** Exactly {@code _id} and {@code lease}, equality only: the fields of the unique index that serves it. */
    private static Query held(String id, String lease) {
        return query(where("_id").is(id).and("lease").is(lease));
    }
}
