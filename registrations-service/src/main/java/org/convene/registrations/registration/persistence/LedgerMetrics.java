package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Seats left and people waiting per published event, as gauges tagged with the event id, read
 * from the ledgers every so often (organisers and dashboards need trends, not every change).
 */
@Component
public class LedgerMetrics {

    private final ReactiveMongoTemplate mongo;
    private final MultiGauge seatsLeft;
    private final MultiGauge waiting;

    LedgerMetrics(ReactiveMongoTemplate mongo, MeterRegistry meters) {
        this.mongo = mongo;
        this.seatsLeft = MultiGauge.builder("convene.event.seats.available")
                .description("Seats not yet taken, per published event")
                .register(meters);
        this.waiting = MultiGauge.builder("convene.event.waitlist.length")
                .description("Registrations waiting for a seat, per published event")
                .register(meters);
    }

    /** Reads every published event's ledger and replaces the gauges' rows. */
    public Mono<Void> refresh() {
        return mongo.find(
                        MongoSeatLedgers.withoutLists(query(where("status").is("PUBLISHED"))),
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
                .then();
    }
}
