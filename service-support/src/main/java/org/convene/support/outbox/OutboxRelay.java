package org.convene.support.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.convene.support.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes the messages waiting in documents' {@code outbox} arrays (ADR 2), in order, then
 * removes them. Safe on many instances: an instance first claims a document with a lease (a
 * conditional update), so one document's messages are relayed by one instance at a time and stay
 * in order. A crash between sending and removing sends a message again; consumers ignore a
 * {@code messageId} they have seen.
 *
 * @param <M> the message record stored in the outbox
 */
public class OutboxRelay<M> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final ReactiveMongoTemplate mongo;
    private final KafkaTemplate<String, M> kafka;
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
    private final AtomicLong pending = new AtomicLong();
    private final String owner = UUID.randomUUID().toString();
    private final PeriodicTask rounds;

    public OutboxRelay(
            ReactiveMongoTemplate mongo,
            KafkaTemplate<String, M> kafka,
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
        meters.gauge("convene.outbox.pending", Tags.of("topic", topic), pending);
        this.rounds = new PeriodicTask(
                "Outbox relay for " + topic, properties.pollInterval(), properties.pollInterval(), this::relayOnce);
    }

    @Override
    public void start() {
        rounds.start();
    }

    @Override
    public void stop() {
        rounds.stop();
    }

    @Override
    public boolean isRunning() {
        return rounds.isRunning();
    }

    /**
     * One round: every document with waiting messages that no other instance holds. The round
     * ends at the first failed send, so an unreachable broker costs one timeout per round, not one
     * per document.
     */
    public Mono<Void> relayOnce() {
        var candidates = query(hasWaitingMessages().andOperator(leaseFree())).limit(properties.batchSize());
        candidates.fields().include("_id");
        var brokerFailed = new AtomicBoolean();
        return mongo.count(query(hasWaitingMessages()), collection)
                .doOnNext(pending::set)
                .thenMany(mongo.find(candidates, Document.class, collection))
                .concatMap(candidate -> brokerFailed.get() ? Mono.empty() : relay(candidate.get("_id"), brokerFailed))
                .then();
    }

    private Mono<Void> relay(Object id, AtomicBoolean brokerFailed) {
        // Milliseconds, as the store keeps them, so the release can match the lease exactly.
        var leaseUntil = clock.instant().plus(properties.lease()).truncatedTo(ChronoUnit.MILLIS);
        var claim = query(where("_id").is(id).andOperator(hasWaitingMessages(), leaseFree()));
        var lease = new Update().set("relayLeaseUntil", leaseUntil).set("relayLeaseOwner", owner);
        // Decide on matched or not only: the document is then read again, never taken from the update.
        return mongo.updateFirst(claim, lease, collection)
                .filter(result -> result.getModifiedCount() == 1)
                .flatMap(claimed -> mongo.findById(id, Document.class, collection))
                .flatMap(document -> sendInOrder(
                                outboxOf(document), document.getString(OutboxTrace.FIELD), leaseUntil, brokerFailed)
                        .flatMap(sent -> release(id, sent, leaseUntil)));
    }

    private List<M> outboxOf(Document document) {
        var outbox = document.getList("outbox", Document.class, List.of());
        return outbox.stream()
                .map(entry -> mongo.getConverter().read(messageType, entry))
                .toList();
    }

    /** What became of one outbox message in a round. */
    private record Sent<T>(UUID id, T parked) {}

    /**
     * Sends until the first failure, so a later message never overtakes an earlier one, and stops
     * while there is still time on the lease for a send to finish: no other instance takes the
     * document over while this one may still be sending. A message the broker can never accept
     * (too large, unserialisable) is parked instead, so it does not hold up the ones after it.
     */
    private Mono<List<Sent<M>>> sendInOrder(
            List<M> outbox, String traceparent, Instant leaseUntil, AtomicBoolean brokerFailed) {
        return Flux.fromIterable(outbox)
                .takeWhile(message ->
                        clock.instant().plus(properties.sendTimeout()).isBefore(leaseUntil))
                .concatMap(message -> Mono.fromFuture(() -> kafka.send(record(message, traceparent)))
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
                        }))
                .onErrorResume(e -> {
                    failures.increment();
                    brokerFailed.set(true);
                    log.warn("Publishing to {} paused, will retry: {}", topic, e.toString());
                    return Flux.empty();
                })
                .collectList();
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
    private Mono<Void> release(Object id, List<Sent<M>> sent, Instant leaseUntil) {
        var update = new Update().unset("relayLeaseUntil").unset("relayLeaseOwner");
        if (!sent.isEmpty()) {
            update.pull(
                    "outbox",
                    new Document(
                            "messageId",
                            new Document("$in", sent.stream().map(Sent::id).toList())));
        }
        var parkedMessages = sent.stream()
                .map(Sent::parked)
                .filter(java.util.Objects::nonNull)
                .toList();
        if (!parkedMessages.isEmpty()) {
            update.push("parkedOutbox").each(parkedMessages.toArray());
        }
        var ownLease = query(where("_id")
                .is(id)
                .and("relayLeaseOwner")
                .is(owner)
                .and("relayLeaseUntil")
                .is(leaseUntil));
        return mongo.updateFirst(ownLease, update, collection).then();
    }

    private static Criteria hasWaitingMessages() {
        return where("outbox.0").exists(true);
    }

    private Criteria leaseFree() {
        return new Criteria()
                .orOperator(
                        where("relayLeaseUntil").is(null),
                        where("relayLeaseUntil").lt(clock.instant()));
    }
}
