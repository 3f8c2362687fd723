package org.convene.support.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.convene.support.PeriodicTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the messages waiting in documents' {@code outbox} arrays (ADR 2), in order, then
 * removes them.
 *
 * <p>Work is signalled, not searched for: a write that adds messages wakes the relay with the
 * document's id ({@link OutboxWakeUps}); a sweep every few seconds finds what a crash or a lost
 * wake-up left. Every store operation on a document is by {@code _id} plus, for the lease, one
 * equality on {@code relayLease}, served by the unique index {@code outbox_claim} on exactly those
 * two fields (ADR 1: the embedded store uses an index only when a query's fields equal its fields).
 *
 * <p>Safe on many instances: an instance first claims a document with a short lease (a conditional
 * update), renews it while it works and gives it back when done, so one document's messages are
 * relayed by one instance at a time and stay in order, and a killed instance's documents flow again
 * once its lease runs out (seconds). A crash between sending and removing sends a message again;
 * consumers ignore a {@code messageId} they have seen.
 *
 * @param <M> the message record stored in the outbox
 */
public class OutboxRelay<M> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** The lease field: {@code <until, epoch ms>|<owner>}, absent when nobody holds the document. */
    static final String LEASE = "relayLease";

    static final String CLAIM_INDEX = "outbox_claim";

    /** Wake-ups waiting for a free worker; beyond this the sweep finds the documents. */
    private static final int MAX_WAITING_WAKE_UPS = 100_000;

    /** A sweep that takes longer than this lost a signal somewhere: it is ended and counted. */
    private static final Duration SWEEP_DEADLINE = Duration.ofSeconds(60);

    private static final Duration FINISH_WORK_WITHIN = Duration.ofSeconds(10);

    /** After a failed send, wake-ups wait this long, so a broker that is away costs one time-out, not one each. */
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final ReactiveMongoTemplate mongo;
    private final KafkaTemplate<String, M> kafka;
    private final OutboxWakeUps wakeUps;
    private final String collection;
    private final String topic;
    private final Class<M> messageType;
    private final Function<M, UUID> messageId;
    private final Function<M, String> key;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    private final Counter parked;
    private final Counter sweepsTimedOut;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lastSweepCompleted = new AtomicLong();
    private final String owner = UUID.randomUUID().toString();
    private final PeriodicTask sweeps;

    /** Documents this instance is working on; TRUE when woken again meanwhile, so it looks once more. */
    private final ConcurrentHashMap<Object, Boolean> inFlight = new ConcurrentHashMap<>();

    /** After a failed send, wake-ups leave their documents to the next sweep rather than each waiting out a time-out. */
    private volatile long pausedUntil;

    private volatile @Nullable Disposable woken;

    private static final Executor SENDING = task -> Schedulers.boundedElastic().schedule(task);

    public OutboxRelay(
            ReactiveMongoTemplate mongo,
            KafkaTemplate<String, M> kafka,
            OutboxWakeUps wakeUps,
            String collection,
            String topic,
            Class<M> messageType,
            Function<M, UUID> messageId,
            Function<M, String> key,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.wakeUps = wakeUps;
        this.collection = collection;
        this.topic = topic;
        this.messageType = messageType;
        this.messageId = messageId;
        this.key = key;
        this.properties = properties;
        this.clock = clock;
        this.published = meters.counter("convene.outbox.published", "topic", topic);
        this.failures = meters.counter("convene.outbox.publish.failures", "topic", topic);
        this.parked = meters.counter("convene.outbox.parked", "topic", topic);
        this.sweepsTimedOut = meters.counter("convene.outbox.sweep.timeouts", "topic", topic);
        meters.gauge("convene.outbox.pending", Tags.of("topic", topic), pending);
        meters.gauge(
                "convene.outbox.sweep.last.completed",
                Tags.of("topic", topic),
                lastSweepCompleted,
                at -> at.get() / 1000.0);
        this.sweeps = new PeriodicTask(
                "Outbox sweep for " + topic, Duration.ZERO, properties.sweepInterval(), this::relayOnce);
    }

    @Override
    public void start() {
        ensureClaimIndex();
        woken = wakeUps.of(collection)
                .onBackpressureBuffer(MAX_WAITING_WAKE_UPS, dropped -> {}, BufferOverflowStrategy.DROP_LATEST)
                .flatMap(this::drain, properties.concurrency())
                .subscribe();
        sweeps.start();
    }

    /**
     * The index every lease operation uses; creating an existing index is a no-op. Made in the
     * background: until it exists the relay works the same, only by scanning on the embedded store.
     */
    private void ensureClaimIndex() {
        var index = new Index()
                .on("_id", Sort.Direction.ASC)
                .on(LEASE, Sort.Direction.ASC)
                .unique()
                .named(CLAIM_INDEX);
        mongo.indexOps(collection)
                .createIndex(index)
                .timeout(properties.storeTimeout())
                .subscribe(
                        created -> {},
                        e -> log.warn("Could not create the outbox claim index on {}: {}", collection, e.toString()));
    }

    @Override
    public void stop() {
        sweeps.stop();
        // Documents being relayed are finished, so a stop does not leave messages sent but not removed.
        var deadline = System.nanoTime() + FINISH_WORK_WITHIN.toNanos();
        synchronized (inFlight) {
            long left;
            while (!inFlight.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    inFlight.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        var current = woken;
        if (current != null) {
            current.dispose();
        }
        woken = null;
    }

    @Override
    public boolean isRunning() {
        return woken != null && !woken.isDisposed();
    }

    /**
     * The sweep: documents with waiting messages that nobody holds, or whose holder's lease ran out.
     * Searching is the one operation here that reads more than one document, so it runs only every
     * {@code sweepInterval}.
     */
    public Mono<Void> relayOnce() {
        var waiting = query(where("outbox.0").exists(true)).limit(properties.sweepBatchSize());
        waiting.fields().include("_id").include(LEASE);
        pausedUntil = 0;
        return mongo.find(waiting, Document.class, collection)
                .timeout(properties.storeTimeout())
                .collectList()
                .flatMap(found -> {
                    pending.set(found.size());
                    return Flux.fromIterable(found)
                            .filter(document -> leaseFree(document.getString(LEASE)))
                            .flatMap(
                                    // Every stored document has an _id, and the query asks for it.
                                    document -> drain(Objects.requireNonNull(document.get("_id"))),
                                    properties.concurrency())
                            .then();
                })
                .timeout(SWEEP_DEADLINE)
                .doOnError(java.util.concurrent.TimeoutException.class, e -> {
                    sweepsTimedOut.increment();
                    log.warn("Outbox sweep for {} did not finish within {}; ended it", topic, SWEEP_DEADLINE);
                })
                .doOnSuccess(done -> lastSweepCompleted.set(clock.millis()));
    }

    /**
     * Relays one document, then again while it was woken meanwhile: one worker per document in this
     * instance, and no wake-up lost while it works.
     */
    private Mono<Void> drain(Object id) {
        var started = new boolean[1];
        inFlight.compute(id, (k, woken) -> {
            if (woken == null) {
                started[0] = true;
                return Boolean.FALSE;
            }
            return Boolean.TRUE;
        });
        return started[0] ? relayAndRepeat(id) : Mono.empty();
    }

    private Mono<Void> relayAndRepeat(Object id) {
        return relayDocument(id)
                .onErrorResume(e -> {
                    log.warn("Relaying a document of {} failed; the sweep will retry: {}", collection, e.toString());
                    return Mono.empty();
                })
                .then(Mono.defer(() -> {
                    var again = new boolean[1];
                    inFlight.compute(id, (k, woken) -> {
                        if (Boolean.TRUE.equals(woken)) {
                            again[0] = true;
                            return Boolean.FALSE;
                        }
                        return null;
                    });
                    if (again[0]) {
                        return relayAndRepeat(id);
                    }
                    if (inFlight.isEmpty()) {
                        synchronized (inFlight) {
                            inFlight.notifyAll();
                        }
                    }
                    return Mono.<Void>empty();
                }));
    }

    /** Claim, read, send in order, release: four store round trips per document, all by {@code _id}. */
    private Mono<Void> relayDocument(Object id) {
        if (clock.millis() < pausedUntil) {
            return Mono.empty();
        }
        return claim(id, null)
                .switchIfEmpty(Mono.defer(() -> takeOverExpired(id)))
                .flatMap(lease -> mongo.findById(id, Document.class, collection)
                        .timeout(properties.storeTimeout())
                        .flatMap(document ->
                                sendInOrder(id, document, lease).flatMap(sent -> release(id, sent, lease.get()))));
    }

    /** The lease, if the document's lease was {@code current} and is now this instance's. */
    private Mono<AtomicReference<String>> claim(Object id, @Nullable String current) {
        var lease = newLease();
        return mongo.updateFirst(leaseIs(id, current), new Update().set(LEASE, lease), collection)
                .timeout(properties.storeTimeout())
                .filter(result -> result.getModifiedCount() == 1)
                .map(claimed -> new AtomicReference<>(lease));
    }

    /** Takes a document over from a holder whose lease ran out (it crashed, or lost the store). */
    private Mono<AtomicReference<String>> takeOverExpired(Object id) {
        var lease = query(where("_id").is(id));
        lease.fields().include(LEASE);
        return mongo.findOne(lease, Document.class, collection)
                .timeout(properties.storeTimeout())
                .flatMap(found -> {
                    var current = found.getString(LEASE);
                    return leaseFree(current) ? claim(id, current) : Mono.empty();
                });
    }

    private org.springframework.data.mongodb.core.query.Query leaseIs(Object id, @Nullable String lease) {
        return query(where("_id").is(id).and(LEASE).is(lease));
    }

    private String newLease() {
        return (clock.millis() + properties.lease().toMillis()) + "|" + owner;
    }

    private boolean leaseFree(@Nullable String lease) {
        return lease == null || leaseUntil(lease) < clock.millis();
    }

    private static long leaseUntil(String lease) {
        try {
            return Long.parseLong(lease.substring(0, lease.indexOf('|')));
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private List<M> outboxOf(Document document) {
        var outbox = document.getList("outbox", Document.class, List.of());
        return outbox.stream()
                .map(entry -> mongo.getConverter().read(messageType, entry))
                .toList();
    }

    /** What became of one outbox message. */
    private record Sent<T>(UUID id, @Nullable T parked) {}

    /**
     * Sends until the first failure, so a later message never overtakes an earlier one. Before each
     * send the lease is renewed if a send might outlast it: no other instance takes the document over
     * while this one may still be sending. A message the broker can never accept (too large,
     * unserialisable) is parked instead, so it does not hold up the ones after it.
     */
    private Mono<List<Sent<M>>> sendInOrder(Object id, Document document, AtomicReference<String> lease) {
        var traceparent = document.getString(OutboxTrace.FIELD);
        return Flux.fromIterable(outboxOf(document))
                .concatMap(message -> renewIfDue(id, lease)
                        .flatMap(held -> held ? send(message, traceparent) : Mono.<Sent<M>>empty())
                        .switchIfEmpty(Mono.error(LeaseLost::new)))
                .onErrorResume(e -> {
                    if (!(e instanceof LeaseLost)) {
                        failures.increment();
                        pausedUntil = clock.millis() + PAUSE_AFTER_FAILURE.toMillis();
                        log.warn("Publishing to {} paused, will retry: {}", topic, e.toString());
                    }
                    return Flux.empty();
                })
                .collectList();
    }

    /** This instance no longer holds the document: it stops, and leaves the rest to the new holder. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("outbox lease lost", null, false, false);
        }
    }

    private Mono<Sent<M>> send(M message, String traceparent) {
        // send() itself may wait for the broker's metadata: never on the store's threads, and never
        // interrupted by the time-out (Kafka turns an interrupt into an error nobody is waiting for).
        return Mono.fromFuture(
                        () -> CompletableFuture.supplyAsync(() -> kafka.send(record(message, traceparent)), SENDING)
                                .thenCompose(sending -> sending),
                        true)
                .timeout(properties.sendTimeout())
                .doOnSuccess(result -> published.increment())
                .thenReturn(new Sent<M>(messageId.apply(message), null))
                .onErrorResume(OutboxRelay::neverSendable, e -> {
                    parked.increment();
                    log.error(
                            "Parking message {} for {}: the broker can never accept it ({})",
                            messageId.apply(message),
                            topic,
                            rootCause(e).getClass().getSimpleName());
                    return Mono.just(new Sent<>(messageId.apply(message), message));
                });
    }

    /** True while this instance holds the lease long enough for one more send, renewing it when due. */
    private Mono<Boolean> renewIfDue(Object id, AtomicReference<String> lease) {
        var current = lease.get();
        var margin =
                properties.sendTimeout().toMillis() + properties.storeTimeout().toMillis() / 10;
        if (leaseUntil(current) - clock.millis() > margin) {
            return Mono.just(true);
        }
        var renewed = newLease();
        return mongo.updateFirst(leaseIs(id, current), new Update().set(LEASE, renewed), collection)
                .timeout(properties.storeTimeout())
                .map(result -> {
                    if (result.getModifiedCount() == 1) {
                        lease.set(renewed);
                        return true;
                    }
                    return false;
                });
    }

    /** The message as part of the trace of the work that wrote it, when there was one. */
    private ProducerRecord<String, M> record(M message, String traceparent) {
        var record = new ProducerRecord<String, M>(topic, key.apply(message), message);
        if (traceparent != null && !traceparent.isBlank()) {
            record.headers().add(OutboxTrace.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static boolean neverSendable(Throwable e) {
        var cause = rootCause(e);
        return cause instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || cause instanceof org.apache.kafka.common.errors.SerializationException
                || cause instanceof org.apache.kafka.common.errors.InvalidTopicException;
    }

    private static Throwable rootCause(Throwable e) {
        var cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Removes what was sent, moves what was parked to {@code parkedOutbox} for an operator, and gives
     * the lease back, but only the lease this instance still holds.
     */
    private Mono<Void> release(Object id, List<Sent<M>> sent, String lease) {
        var update = new Update().unset(LEASE);
        if (!sent.isEmpty()) {
            update.pull(
                    "outbox",
                    new Document(
                            "messageId",
                            new Document("$in", sent.stream().map(Sent::id).toList())));
        }
        var parkedMessages =
                sent.stream().map(Sent::parked).filter(Objects::nonNull).toList();
        if (!parkedMessages.isEmpty()) {
            update.push("parkedOutbox").each(parkedMessages.toArray());
        }
        return mongo.updateFirst(leaseIs(id, lease), update, collection)
                .timeout(properties.storeTimeout())
                .then();
    }
}
