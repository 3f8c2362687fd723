package org.convene.notifications.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * Which instances' senders are alive, so that what a killed instance held is sent by another within
 * seconds, not when its lease ends (minutes: a lease must outlast the slowest single send).
 *
 * <p>Each instance writes a heartbeat every {@code heartbeatEvery}: one document per instance in
 * {@value #COLLECTION}, {@code _id} its id, {@code aliveUntil} the heartbeat's time plus {@code
 * presumedDeadAfter}. A delivery records who claimed it ({@code holder}); a sweep may take over a
 * pending delivery whose holder is presumed dead, whatever its lease says. Two rules keep a living
 * instance from being taken for dead:
 *
 * <ul>
 *   <li>only an instance whose own heartbeats have been written without a gap for {@code
 *       presumedDeadAfter} judges others (after a store outage every instance looks dead until it
 *       writes again, and so does a peer that could not reach the store when this one could not);
 *   <li>an instance starts no send unless its last heartbeat was written less than half of {@code
 *       presumedDeadAfter} ago, so before others may presume it dead it has stopped starting sends.
 * </ul>
 *
 * What remains (ADR 9): one send that had started and lasts longer than the other half, while the
 * instance is cut off from the store, may go twice.
 */
public class LiveSenders {

    static final String COLLECTION = "delivery_senders";
    private static final Logger log = LoggerFactory.getLogger(LiveSenders.class);
    private static final long NEVER = -1;

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration presumedDeadAfter;
    private final Duration forgetAfter;
    private final String self = UUID.randomUUID().toString();
    /** Epoch ms of this instance's last written heartbeat. */
    private final AtomicLong lastWritten = new AtomicLong(NEVER);
    /** Epoch ms since when heartbeats have been written without a gap. */
    private final AtomicLong writtenSince = new AtomicLong(NEVER);

    public LiveSenders(ReactiveMongoTemplate mongo, Clock clock, Duration presumedDeadAfter, Duration forgetAfter) {
        this.mongo = mongo;
        this.clock = clock;
        this.presumedDeadAfter = presumedDeadAfter;
        this.forgetAfter = forgetAfter;
    }

    /** This instance's id, recorded as the holder of what it claims. */
    public String self() {
        return self;
    }

    /** Writes this instance's heartbeat, and now and then forgets instances long dead. */
    public Mono<Void> heartbeat() {
        var now = clock.instant();
        return mongo.upsert(
                        query(where("_id").is(self)),
                        new Update()
                                .set("aliveUntil", now.plus(presumedDeadAfter))
                                .set("beatAt", now),
                        COLLECTION)
                .doOnSuccess(written -> wrote(now.toEpochMilli()))
                .doOnError(failed -> {
                    writtenSince.set(NEVER);
                    log.debug("Heartbeat not written: {}", failed.toString());
                })
                .then(mongo.remove(query(where("aliveUntil").lt(now.minus(forgetAfter))), COLLECTION))
                .then();
    }

    private void wrote(long at) {
        var previous = lastWritten.getAndSet(at);
        // A gap as long as presumedDeadAfter means others may have presumed this instance dead meanwhile.
        if (previous == NEVER || at - previous >= presumedDeadAfter.toMillis() || writtenSince.get() == NEVER) {
            writtenSince.set(at);
        }
    }

    /**
     * Instances presumed dead: their heartbeat is older than {@code presumedDeadAfter}. Empty while
     * this instance has not been writing its own for that long (it cannot tell dead from cut off).
     */
    public Mono<List<String>> presumedDead(Instant now) {
        var since = writtenSince.get();
        if (since == NEVER || now.toEpochMilli() - since < presumedDeadAfter.toMillis()) {
            return Mono.just(List.of());
        }
        return mongo.find(query(where("aliveUntil").lt(now)), Document.class, COLLECTION)
                .map(document -> document.getString("_id"))
                .filter(id -> !id.equals(self))
                .collectList();
    }

    /** Whether this instance may start a send: nobody may presume it dead before it stops starting them. */
    public boolean maySend(Instant now) {
        var last = lastWritten.get();
        return last != NEVER && now.toEpochMilli() - last < presumedDeadAfter.toMillis() / 2;
    }
}
