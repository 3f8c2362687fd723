package org.convene.events.event.messaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes the messages waiting in events' outboxes, in order, then removes them. Safe on many
 * instances: an instance first claims an event with a lease (a conditional update), so one event's
 * messages are relayed by one instance at a time and stay in order. A crash between sending and
 * removing sends a message again; consumers ignore a {@code messageId} they have seen.
 */
@Component
public class EventOutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventOutboxRelay.class);
    private static final String COLLECTION = "events";

    private final ReactiveMongoTemplate mongo;
    private final KafkaTemplate<String, EventMessage> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final Counter published;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private volatile Disposable running;

    public EventOutboxRelay(
            ReactiveMongoTemplate mongo,
            KafkaTemplate<String, EventMessage> kafka,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.published = meters.counter("convene.outbox.published", "topic", Topics.EVENTS);
        this.failures = meters.counter("convene.outbox.publish.failures", "topic", Topics.EVENTS);
        meters.gauge("convene.outbox.pending", io.micrometer.core.instrument.Tags.of("topic", Topics.EVENTS), pending);
    }

    @Override
    public void start() {
        running = Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> relayOnce().onErrorResume(e -> {
                    log.warn("Outbox relay round failed; retrying: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        var current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }

    /** One round: every event with waiting messages that no other instance holds. */
    Mono<Void> relayOnce() {
        var candidates = query(hasWaitingMessages().andOperator(leaseFree())).limit(properties.batchSize());
        candidates.fields().include("_id");
        return mongo.count(query(hasWaitingMessages()), COLLECTION)
                .doOnNext(pending::set)
                .thenMany(mongo.find(candidates, Document.class, COLLECTION))
                .concatMap(candidate -> relay(candidate.getString("_id")))
                .then();
    }

    private Mono<Void> relay(String eventId) {
        var now = clock.instant();
        var claim = query(where("_id").is(eventId).andOperator(hasWaitingMessages(), leaseFree()));
        var lease = new Update().set("relayLeaseUntil", now.plus(properties.lease()));
        // Decide on matched or not only: the document the store returns is re-read, never trusted.
        return mongo.updateFirst(claim, lease, COLLECTION)
                .filter(result -> result.getModifiedCount() == 1)
                .flatMap(claimed -> mongo.findById(eventId, OutboxView.class, COLLECTION))
                .flatMap(view -> sendInOrder(eventId, view.outbox()).flatMap(sent -> release(eventId, sent)));
    }

    /** Sends until the first failure, so a later message never overtakes an earlier one. */
    private Mono<List<UUID>> sendInOrder(String eventId, List<EventMessage> outbox) {
        return Flux.fromIterable(outbox == null ? List.of() : outbox)
                .concatMap(message -> Mono.fromFuture(() -> kafka.send(Topics.EVENTS, eventId, message))
                        .timeout(properties.sendTimeout())
                        .doOnSuccess(result -> published.increment())
                        .thenReturn(message.messageId()))
                .onErrorResume(e -> {
                    failures.increment();
                    log.warn("Publishing event {} messages paused, will retry: {}", eventId, e.toString());
                    return Flux.empty();
                })
                .collectList();
    }

    private Mono<Void> release(String eventId, List<UUID> sent) {
        var update = new Update().unset("relayLeaseUntil");
        if (!sent.isEmpty()) {
            update.pull("outbox", new Document("messageId", new Document("$in", sent)));
        }
        return mongo.updateFirst(query(where("_id").is(eventId)), update, COLLECTION)
                .then();
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

    /** Just the outbox of an event document. */
    record OutboxView(String id, List<EventMessage> outbox) {}
}
