package org.convene.registrations.registration.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import org.bson.Document;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationFixtures;
import org.convene.registrations.registration.RegistrationRace;
import org.convene.registrations.registration.domain.EventAnnouncement;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.EventSeats;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedger;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The control for the race test: the same race against a ledger that reads, checks, then writes
 * (the obvious but unsafe way) overbooks. So the race test can see overbooking, and it is the
 * conditional update in {@link MongoSeatLedgers} that prevents it.
 */
@IntegrationTest
@Import(OverbookingControlTests.UnsafeLedger.class)
class OverbookingControlTests {

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @Autowired
    ReactiveMongoTemplate mongo;

    @LocalServerPort
    int port;

    @Test
    void aReadCheckWriteLedgerOverbooksUnderTheSameRace() throws Exception {
        var event = RegistrationFixtures.publishedEvent(kafka, client, 50);
        RegistrationRace.run(port, event, 200, 64);
        var ledger = mongo.findById(event, Document.class, MongoSeatLedgers.COLLECTION)
                .block();
        assertThat(ledger.getInteger("seatsTaken"))
                .as("seats taken by the unsafe ledger")
                .isGreaterThan(50);
    }

    @TestConfiguration
    static class UnsafeLedger {

        @Bean
        @Primary
        SeatLedgers unsafeSeatLedgers(ReactiveMongoTemplate mongo) {
            var safe = new MongoSeatLedgers(mongo);
            return new SeatLedgers() {
                @Override
                public Mono<Boolean> take(EventId event, RegistrationId registration, int seats, boolean newArrival) {
                    return mongo.findById(event.value(), Document.class, MongoSeatLedgers.COLLECTION)
                            .filter(found -> found.getInteger("seatsLeft") >= seats
                                    && (!newArrival || found.getInteger("waiting") == 0))
                            // The window between checking and writing that real traffic finds by itself.
                            .delayElement(Duration.ofMillis(20))
                            .flatMap(found -> {
                                var holders = new java.util.ArrayList<>(PartyLists.decode(found.get("holders")));
                                holders.add(new Queued(registration, seats));
                                return mongo.updateFirst(
                                                query(where("_id").is(event.value())),
                                                new Update()
                                                        .inc("seatsLeft", -seats)
                                                        .inc("seatsTaken", seats)
                                                        .set("holders", PartyLists.encode(holders))
                                                        .inc("ledgerVersion", 1),
                                                MongoSeatLedgers.COLLECTION)
                                        .thenReturn(true);
                            })
                            .defaultIfEmpty(false);
                }

                /** Read, check, write: the same decision as the safe ledger, without the version check. */
                @Override
                public Mono<SeatLedger.Admission> admit(
                        EventId event, RegistrationId registration, int seats, String invitation) {
                    return take(event, registration, seats, true)
                            .flatMap(seated -> seated
                                    ? Mono.just(SeatLedger.Admission.seated())
                                    : safe.joinQueue(event, registration, seats)
                                            .then(safe.positionOf(event, registration))
                                            .map(position ->
                                                    new SeatLedger.Admission(SeatLedger.Outcome.QUEUED, position)));
                }

                @Override
                public Mono<EventSeats> find(EventId event) {
                    return safe.find(event);
                }

                @Override
                public Mono<EventSeats> findRecent(EventId event) {
                    return safe.find(event);
                }

                @Override
                public Mono<Boolean> holds(EventId event, RegistrationId registration) {
                    return safe.holds(event, registration);
                }

                @Override
                public Mono<Boolean> release(EventId event, RegistrationId registration, int seats) {
                    return safe.release(event, registration, seats);
                }

                @Override
                public Mono<Boolean> acceptPart(EventId event, RegistrationId registration, int accepted, int rest) {
                    return safe.acceptPart(event, registration, accepted, rest);
                }

                @Override
                public Mono<Boolean> resize(EventId event, RegistrationId registration, int seats) {
                    return safe.resize(event, registration, seats);
                }

                @Override
                public Mono<Void> joinQueue(EventId event, RegistrationId registration, int seats) {
                    return safe.joinQueue(event, registration, seats);
                }

                @Override
                public Mono<Boolean> leaveQueue(EventId event, RegistrationId registration) {
                    return safe.leaveQueue(event, registration);
                }

                @Override
                public Flux<Queued> queue(EventId event) {
                    return safe.queue(event);
                }

                @Override
                public Flux<ReleaseDue> releasesDue(java.time.Instant now) {
                    return safe.releasesDue(now);
                }

                @Override
                public Mono<Void> releasesServed(EventId event, java.time.Instant releasedAt) {
                    return safe.releasesServed(event, releasedAt);
                }

                @Override
                public Flux<Queued> servable(EventId event) {
                    return safe.servable(event);
                }

                @Override
                public Mono<Long> positionOf(EventId event, RegistrationId registration) {
                    return safe.positionOf(event, registration);
                }

                @Override
                public Mono<Boolean> apply(EventAnnouncement event) {
                    return safe.apply(event);
                }
            };
        }
    }
}
