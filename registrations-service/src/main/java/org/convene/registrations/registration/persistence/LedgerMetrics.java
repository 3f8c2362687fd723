package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Seats left and people waiting per published event, as gauges tagged with the event id, read
 * from the ledgers every so often (organisers and dashboards need trends, not every change).
 */
@Component
class LedgerMetrics implements SmartLifecycle {

    private final ReactiveMongoTemplate mongo;
    private final MultiGauge seatsLeft;
    private final MultiGauge waiting;
    private final Duration interval;
    private volatile Disposable running;

    LedgerMetrics(
            ReactiveMongoTemplate mongo,
            MeterRegistry meters,
            @Value("${convene.registrations.metrics-every:15s}") Duration interval) {
        this.mongo = mongo;
        this.interval = interval;
        this.seatsLeft = MultiGauge.builder("convene.event.seats.available")
                .description("Seats not yet taken, per published event")
                .register(meters);
        this.waiting = MultiGauge.builder("convene.event.waitlist.length")
                .description("Registrations waiting for a seat, per published event")
                .register(meters);
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> mongo.find(
                                query(where("status").is("PUBLISHED")),
                                MongoSeatLedgers.LedgerDocument.class,
                                MongoSeatLedgers.COLLECTION)
                        .collectList()
                        .doOnNext(ledgers -> {
                            seatsLeft.register(
                                    ledgers.stream()
                                            .map(l -> MultiGauge.Row.of(Tags.of("event", l.id()), l.seatsLeft()))
                                            .toList(),
                                    true);
                            waiting.register(
                                    ledgers.stream()
                                            .map(l -> MultiGauge.Row.of(Tags.of("event", l.id()), l.waiting()))
                                            .toList(),
                                    true);
                        })
                        .onErrorResume(e -> reactor.core.publisher.Mono.empty()))
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
}
