package org.convene.registrations.support.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import org.bson.Document;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.support.domain.SupportPlanService;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Support needs not arranged yet, per published event still to come, as a gauge tagged with the event
 * id only: no names, no kinds of need. Read every few minutes (a trend for dashboards and alerts).
 */
@Component
public class SupportGauges {

    private final ReactiveMongoTemplate mongo;
    private final SupportPlanService plans;
    private final Clock clock;
    private final MultiGauge outstanding;

    SupportGauges(ReactiveMongoTemplate mongo, SupportPlanService plans, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.plans = plans;
        this.clock = clock;
        this.outstanding = MultiGauge.builder("convene.support.needs.outstanding")
                .description("Support needs not arranged yet, per published event still to come")
                .register(meters);
    }

    public Mono<Void> refresh() {
        var upcoming = query(where("status").is("PUBLISHED").and("endsAt").gt(clock.instant()));
        upcoming.fields().include("_id");
        return mongo.find(upcoming, Document.class, "seat_ledgers")
                .map(ledger -> ledger.getString("_id"))
                .concatMap(event -> plans.outstanding(new EventId(event))
                        .map(count -> MultiGauge.Row.of(Tags.of("event", event), count)))
                .collectList()
                .doOnNext(rows -> outstanding.register(rows, true))
                .then();
    }
}
