package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Set;
import org.bson.Document;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.convene.support.migration.Migration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The seat ledgers' migrations (ADR 11). Both change a ledger only if it is still as read (its
 * {@code ledgerVersion}, or no queue yet), so they are safe beside live traffic and when run again.
 */
@Configuration(proxyBeanMethods = false)
class LedgerMigrations {

    /** Lost compare-and-sets before a ledger is left as it is (another instance writing all the time). */
    private static final int MAX_ATTEMPTS = 20;

    /**
     * Ledgers written before the queue lived in the ledger (until 2026-11-23) counted waiting people
     * but kept no queue, so nobody waiting was told a place or promoted. Their queue is rebuilt from
     * the waitlisted registrations, in the order they were queued (then by id, as the old lists
     * sorted them).
     */
    @Bean
    Migration ledgerQueueFromWaitlist() {
        return new Migration() {
            @Override
            public String id() {
                return "2026-12-06-01-ledger-queue";
            }

            @Override
            public String description() {
                return "queue of waitlisted registrations in ledgers written before the ledger kept one";
            }

            @Override
            public Mono<Void> apply(ReactiveMongoTemplate mongo) {
                var withoutQueue = query(where("queue").exists(false));
                withoutQueue.fields().include("_id");
                return mongo.find(withoutQueue, Document.class, MongoSeatLedgers.COLLECTION)
                        .concatMap(ledger -> waitlisted(mongo, ledger.getString("_id"))
                                .collectList()
                                .flatMap(queue -> mongo.updateFirst(
                                        query(where("_id")
                                                .is(ledger.getString("_id"))
                                                .and("queue")
                                                .exists(false)),
                                        new Update()
                                                .set("queue", PartyLists.encode(queue))
                                                .set("waiting", queue.size())
                                                .inc("ledgerVersion", 1),
                                        MongoSeatLedgers.COLLECTION)))
                        .then();
            }
        };
    }

    /**
     * A crash between cancelling a waiting registration and taking it out of the queue left it
     * there, counted in {@code waiting}: each queue keeps only registrations still waiting (or still
     * being decided), and {@code waiting} is its length.
     */
    @Bean
    Migration waitingRecount() {
        return new Migration() {
            @Override
            public String id() {
                return "2026-12-06-02-waiting-recount";
            }

            @Override
            public String description() {
                return "queues keep only registrations still waiting; waiting counted again";
            }

            @Override
            public Mono<Void> apply(ReactiveMongoTemplate mongo) {
                var ids = query(where("queue").exists(true));
                ids.fields().include("_id");
                return mongo.find(ids, Document.class, MongoSeatLedgers.COLLECTION)
                        .concatMap(ledger -> recount(mongo, ledger.getString("_id"), 0))
                        .then();
            }
        };
    }

    private static Flux<SeatLedgers.Queued> waitlisted(ReactiveMongoTemplate mongo, String eventId) {
        var waiting = query(where("eventId").is(eventId).and("status").is(RegistrationStatus.WAITLISTED.name()))
                .with(Sort.by("queuedAt", "_id"));
        waiting.fields().include("_id").include("seats");
        return mongo.find(waiting, Document.class, MongoRegistrations.COLLECTION)
                .map(registration -> new SeatLedgers.Queued(
                        new RegistrationId(registration.getString("_id")), registration.getInteger("seats")));
    }

    private static Mono<Void> recount(ReactiveMongoTemplate mongo, String eventId, int attempt) {
        return mongo.findById(eventId, Document.class, MongoSeatLedgers.COLLECTION)
                .flatMap(ledger -> {
                    var queue = PartyLists.decode(ledger.get("queue"));
                    var version = ledger.get("ledgerVersion");
                    var queued = queue.stream()
                            .map(entry -> entry.registration().value())
                            .toList();
                    return mongo.find(
                                    query(where("_id").in(queued)).with(Sort.by("_id")),
                                    Document.class,
                                    MongoRegistrations.COLLECTION)
                            .filter(registration -> STILL_QUEUED.contains(registration.getString("status")))
                            .map(registration -> registration.getString("_id"))
                            .collectList()
                            .flatMap(stillQueued -> {
                                var kept = queue.stream()
                                        .filter(entry -> stillQueued.contains(
                                                entry.registration().value()))
                                        .toList();
                                if (kept.size() == queue.size() && ledger.getInteger("waiting", -1) == kept.size()) {
                                    return Mono.<Void>empty();
                                }
                                var unchanged = where("_id").is(eventId).and("ledgerVersion");
                                unchanged = version == null ? unchanged.exists(false) : unchanged.is(version);
                                return mongo.updateFirst(
                                                query(unchanged),
                                                new Update()
                                                        .set("queue", PartyLists.encode(kept))
                                                        .set("waiting", kept.size())
                                                        .inc("ledgerVersion", 1),
                                                MongoSeatLedgers.COLLECTION)
                                        .flatMap(result -> result.getModifiedCount() == 1 || attempt + 1 >= MAX_ATTEMPTS
                                                ? Mono.<Void>empty()
                                                : recount(mongo, eventId, attempt + 1));
                            });
                });
    }

    /** Registrations that belong in a queue: waiting, or waiting to be decided (reconciliation settles those). */
    private static final Set<String> STILL_QUEUED =
            Set.of(RegistrationStatus.WAITLISTED.name(), RegistrationStatus.PENDING.name());
}
