package org.convene.registrations.registration.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.ManageTokens;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.RegistrationService;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.support.migration.Migration;
import org.convene.support.migration.Migrations;
import org.convene.support.outbox.OutboxWakeUps;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * A database written by the release before the queue lived in the seat ledger, opened by this one:
 * after the start-up migrations everyone waiting has their place and is promoted by the serving rule
 * (ADR 6). Without the migrations nobody waiting has a place (the first assertions).
 */
@IntegrationTest
class LedgerMigrationsTests {

    @Autowired
    MongoClient client;

    @Autowired
    List<Migration> migrations;

    ReactiveMongoTemplate old;
    MongoSeatLedgers ledgers;
    RegistrationService service;

    @BeforeEach
    void openTheOldReleasesDatabase() throws Exception {
        old = new ReactiveMongoTemplate(client, "registrations-old-" + UUID.randomUUID());
        var fixture = Document.parse(new ClassPathResource("fixtures/ledgers-before-the-queue.json")
                .getContentAsString(StandardCharsets.UTF_8));
        for (var collection : List.of(MongoSeatLedgers.COLLECTION, MongoRegistrations.COLLECTION)) {
            old.insert(fixture.getList(collection, Document.class), collection)
                    .collectList()
                    .block();
        }
        ledgers = new MongoSeatLedgers(old);
        service = new RegistrationService(
                new MongoRegistrations(old, new OutboxWakeUps()),
                ledgers,
                new ManageTokens("a manage-token secret for the migration test".getBytes(StandardCharsets.UTF_8)),
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @Test
    void everyoneWaitingGetsTheirPlaceInTheOrderTheyJoinedAndIsPromotedByTheServingRule() {
        assertThat(place("r-w1")).as("before the migrations: no place").isNull();

        migrate();

        assertThat(List.of(place("r-w1"), place("r-0w2"), place("r-00w3"))).containsExactly(1L, 2L, 3L);
        assertThat(ledger("old-event").getInteger("waiting")).isEqualTo(3);

        // Ben's two seats free up: Wyn (1) fits, Wen (2) then does not, Wil (1) behind her does.
        service.cancel("token-r-b").block();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(status("r-w1")).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(status("r-00w3")).isEqualTo(RegistrationStatus.CONFIRMED);
        });
        assertThat(status("r-0w2")).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(place("r-0w2")).isEqualTo(1L);
        assertThat(ledger("old-event").getInteger("seatsTaken")).isEqualTo(4);
    }

    @Test
    void aQueueLeftHoldingACancelledRegistrationIsRecountedAndTheMigrationsRunOnce() {
        migrate();
        var drifted = ledger("drifted-event");
        assertThat(PartyLists.decode(drifted.get("queue")))
                .extracting(entry -> entry.registration().value())
                .containsExactly("r-y");
        assertThat(drifted.getInteger("waiting")).isEqualTo(1);
        assertThat(place("r-y", "drifted-event")).isEqualTo(1L);

        var version = ledger("old-event").get("ledgerVersion");
        migrate();
        assertThat(ledger("old-event").get("ledgerVersion"))
                .as("nothing runs twice")
                .isEqualTo(version);
        assertThat(old.findAll(Document.class, "schema_migrations")
                        .collectList()
                        .block())
                .extracting(recorded -> recorded.getString("_id"))
                .containsExactlyInAnyOrder("2026-12-06-01-ledger-queue", "2026-12-06-02-waiting-recount");
    }

    @Test
    void instancesStartingAtOnceRunEachMigrationOnceAndAllWaitForIt() {
        var runs = new java.util.concurrent.atomic.AtomicInteger();
        Migration slow = new Migration() {
            @Override
            public String id() {
                return "2000-01-01-counted";
            }

            @Override
            public String description() {
                return "counts its runs";
            }

            @Override
            public reactor.core.publisher.Mono<Void> apply(ReactiveMongoTemplate mongo) {
                return reactor.core.publisher.Mono.delay(Duration.ofMillis(300))
                        .doOnNext(tick -> runs.incrementAndGet())
                        .then();
            }
        };
        var instances = reactor.core.publisher.Flux.range(0, 3)
                .flatMap(instance -> new Migrations(old, List.of(slow), Clock.systemUTC(), Duration.ofSeconds(30))
                        .run(Duration.ofSeconds(30))
                        .thenReturn(instance))
                .collectList()
                .block();

        assertThat(instances).hasSize(3);
        assertThat(runs).hasValue(1);
        assertThat(old.exists(
                                org.springframework.data.mongodb.core.query.Query.query(
                                        org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                                .is("lock")),
                                "schema_migrations")
                        .block())
                .as("the lock is given back")
                .isFalse();
    }

    private void migrate() {
        new Migrations(old, migrations, Clock.systemUTC(), Duration.ofSeconds(30))
                .run(Duration.ofSeconds(30))
                .block();
    }

    private Long place(String registration) {
        return place(registration, "old-event");
    }

    private Long place(String registration, String event) {
        return ledgers.positionOf(new EventId(event), new RegistrationId(registration))
                .block();
    }

    private RegistrationStatus status(String registration) {
        return RegistrationStatus.valueOf(old.findById(registration, Document.class, MongoRegistrations.COLLECTION)
                .block()
                .getString("status"));
    }

    private Document ledger(String event) {
        return old.findById(event, Document.class, MongoSeatLedgers.COLLECTION).block();
    }
}
