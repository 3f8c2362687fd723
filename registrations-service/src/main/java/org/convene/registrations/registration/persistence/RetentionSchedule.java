package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.Registrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Personal data is kept only as long as it is needed: a configurable number of days after an
 * event ends (90 by default), its registrations are anonymised; the counts stay. Safe to run on
 * several instances: erasing twice erases nothing more. Scheduled in RegistrationsConfiguration.
 */
@Component
public class RetentionSchedule {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ReactiveMongoTemplate mongo;
    private final Registrations registrations;
    private final Clock clock;
    private final Duration keepFor;

    RetentionSchedule(
            ReactiveMongoTemplate mongo,
            Registrations registrations,
            Clock clock,
            @Value("${convene.registrations.retention-days:90}") int retentionDays) {
        this.mongo = mongo;
        this.registrations = registrations;
        this.clock = clock;
        this.keepFor = Duration.ofDays(retentionDays);
    }

    /** One pass: every event that ended long enough ago and has not been cleared yet. */
    public Mono<Void> run() {
        var cutoff = clock.instant().minus(keepFor);
        return mongo.find(
                        query(where("endsAt")
                                .lt(cutoff)
                                .and("personalDataErased")
                                .ne(true)),
                        MongoSeatLedgers.LedgerDocument.class,
                        MongoSeatLedgers.COLLECTION)
                .concatMap(ledger -> mongo.find(
                                query(where("eventId")
                                        .is(ledger.id())
                                        .and("erasedAt")
                                        .is(null)),
                                MongoRegistrations.RegistrationDocument.class)
                        .concatMap(registration -> registrations.erase(new RegistrationId(registration.id())))
                        .then(mongo.updateFirst(
                                query(where("_id").is(ledger.id())),
                                new Update().set("personalDataErased", true),
                                MongoSeatLedgers.COLLECTION))
                        .doOnSuccess(done -> log.info("Erased personal data of event {} after retention", ledger.id())))
                .then();
    }
}
