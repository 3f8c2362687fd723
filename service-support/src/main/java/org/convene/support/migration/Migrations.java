package org.convene.support.migration;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a service's {@link Migration}s that its database has not recorded, in id order, before the
 * service takes traffic. One instance runs them: it holds the lock document of collection
 * {@value #COLLECTION} (a lease it renews before each migration); instances starting at the same
 * time wait until every migration is recorded, and take the lock over if its holder died (its
 * lease ran out). A migration is recorded only after it finished, so a crash runs it again, which
 * is why migrations are idempotent.
 *
 * <p>Why not a library: Mongock's newest release (5.5.1 on Maven Central) has a runner for Spring
 * Boot 3 and drivers up to Spring Data MongoDB 4; this project runs Spring Boot 4 and Spring Data
 * MongoDB 5. This is the smallest honest alternative: a lease on one document and one record per
 * migration (ADR 11).
 */
public class Migrations {

    static final String COLLECTION = "schema_migrations";
    private static final String LOCK = "lock";
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final ReactiveMongoTemplate mongo;
    private final List<Migration> migrations;
    private final Clock clock;
    private final Duration lease;
    private final String owner = UUID.randomUUID().toString();

    public Migrations(ReactiveMongoTemplate mongo, List<Migration> migrations, Clock clock, Duration lease) {
        this.mongo = mongo;
        this.migrations =
                migrations.stream().sorted(Comparator.comparing(Migration::id)).toList();
        this.clock = clock;
        this.lease = lease;
        var ids = this.migrations.stream().map(Migration::id).distinct().count();
        if (ids != this.migrations.size()) {
            throw new IllegalStateException("Two migrations share an id: " + this.migrations);
        }
    }

    /** Every migration recorded, by this instance or another; waits at most {@code patience}. */
    public Mono<Void> run(Duration patience) {
        return pending()
                .flatMap(pending -> pending.isEmpty() ? Mono.<Void>empty() : runOrWait(pending))
                .timeout(patience)
                .doOnError(e -> log.error("Migrations did not complete: {}", e.toString()));
    }

    private Mono<List<Migration>> pending() {
        return mongo.find(query(where("_id").ne(LOCK)), Document.class, COLLECTION)
                .map(recorded -> recorded.getString("_id"))
                .collectList()
                .map(done -> migrations.stream()
                        .filter(migration -> !done.contains(migration.id()))
                        .toList());
    }

    private Mono<Void> runOrWait(List<Migration> pending) {
        return lock().flatMap(locked -> locked
                ? Flux.fromIterable(pending)
                        .concatMap(this::runOne)
                        .then(unlock())
                        .onErrorResume(e -> unlock().then(Mono.error(e)))
                : Mono.delay(Duration.ofMillis(500)).then(Mono.defer(() -> run(Duration.ofDays(1)))));
    }

    private Mono<Void> runOne(Migration migration) {
        var started = clock.instant();
        // Another instance may have run it between this instance's look and its lock.
        return mongo.exists(query(where("_id").is(migration.id())), COLLECTION)
                .flatMap(done -> done
                        ? Mono.<Void>empty()
                        : renew().then(migration.apply(mongo))
                                .then(mongo.insert(
                                                new Document("_id", migration.id())
                                                        .append("description", migration.description())
                                                        .append("startedAt", java.util.Date.from(started))
                                                        .append("finishedAt", java.util.Date.from(clock.instant())),
                                                COLLECTION)
                                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()))
                                .doOnSuccess(recorded -> log.info(
                                        "Migration {} done in {} ms: {}",
                                        migration.id(),
                                        Duration.between(started, clock.instant())
                                                .toMillis(),
                                        migration.description()))
                                .then());
    }

    /** Takes the lock if nobody holds it or its holder's lease ran out. */
    private Mono<Boolean> lock() {
        var until = java.util.Date.from(clock.instant().plus(lease));
        return mongo.insert(new Document("_id", LOCK).append("owner", owner).append("until", until), COLLECTION)
                .thenReturn(true)
                .onErrorResume(
                        DuplicateKeyException.class,
                        held -> mongo.updateFirst(
                                        query(where("_id")
                                                .is(LOCK)
                                                .orOperator(
                                                        where("until").lt(java.util.Date.from(clock.instant())),
                                                        where("owner").is(owner))),
                                        new Update().set("owner", owner).set("until", until),
                                        COLLECTION)
                                .map(result -> result.getModifiedCount() == 1));
    }

    private Mono<Void> renew() {
        return mongo.updateFirst(
                        query(where("_id").is(LOCK).and("owner").is(owner)),
                        new Update()
                                .set(
                                        "until",
                                        java.util.Date.from(clock.instant().plus(lease))),
                        COLLECTION)
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.<Void>empty()
                        : Mono.error(new IllegalStateException("Lost the migrations lock to another instance")));
    }

    private Mono<Void> unlock() {
        return mongo.remove(query(where("_id").is(LOCK).and("owner").is(owner)), COLLECTION)
                .then();
    }
}
