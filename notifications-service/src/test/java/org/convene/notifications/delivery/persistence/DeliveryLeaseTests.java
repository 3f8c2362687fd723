package org.convene.notifications.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.convene.notifications.delivery.domain.DeliveryStatus;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The lease rules of the delivery queue, on the real store: a claim and every outcome hold only
 * for the sender that holds the lease; a delivery seen before it changed hands cannot be claimed
 * with what was seen; an email the server accepted is recorded as sent even by a sender whose
 * lease had ended, and nothing marks a sent email failed afterwards.
 */
class DeliveryLeaseTests {

    private MongoClient client;
    private ReactiveMongoTemplate mongo;
    private Deliveries deliveries;
    private DeliveryArrivals arrivals;
    private final AtomicInteger wakes = new AtomicInteger();

    @BeforeEach
    void store() {
        var database = "lease-" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(TestInfrastructure.shared().mongoUri(database));
        mongo = new ReactiveMongoTemplate(client, database);
        mongo.indexOps("deliveries")
                .createIndex(new Index()
                        .on("_id", Sort.Direction.ASC)
                        .on("lease", Sort.Direction.ASC)
                        .unique()
                        .named("id_lease"))
                .block(Duration.ofSeconds(10));
        arrivals = new DeliveryArrivals();
        arrivals.onArrival(wakes::incrementAndGet);
        deliveries = new Deliveries(mongo, arrivals);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void whatAnInstancePresumedDeadHeldIsDueAgainLongBeforeItsLeaseEndsAndOnlyThen() {
        var now = Instant.now();
        deliveries.enqueue(pending("m9:attendee", now)).block();
        var seen = deliveries.due(now.plusSeconds(1), 10).blockFirst();
        assertThat(deliveries
                        .claim(seen, now, Deliveries.newLease(), now.plusSeconds(180), "killed-instance")
                        .block())
                .isTrue();

        assertThat(deliveries
                        .due(now.plusSeconds(1), 10, java.util.List.of("another-instance"))
                        .collectList()
                        .block())
                .as("held by an instance not presumed dead")
                .isEmpty();
        var takenOver = deliveries
                .due(now.plusSeconds(1), 10, java.util.List.of("killed-instance"))
                .collectList()
                .block();
        assertThat(takenOver).extracting(Delivery::id).containsExactly("m9:attendee");
        assertThat(deliveries
                        .claim(takenOver.getFirst(), now, Deliveries.newLease(), now.plusSeconds(180), "survivor")
                        .block())
                .isTrue();
    }

    @Test
    void anInstanceJudgesOthersDeadOnlyAfterItsOwnHeartbeatsHaveRunForTheWholeWindow() {
        var clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        var window = Duration.ofSeconds(10);
        var killed = new LiveSenders(mongo, clock, window, Duration.ofMinutes(3));
        var survivor = new LiveSenders(mongo, clock, window, Duration.ofMinutes(3));
        killed.heartbeat().block();
        survivor.heartbeat().block();
        assertThat(killed.maySend(clock.instant())).isTrue();

        // The killed instance writes no more; the survivor goes on.
        for (int second = 2; second <= 12; second += 2) {
            clock.advance(Duration.ofSeconds(2));
            survivor.heartbeat().block();
            if (second == 4) {
                assertThat(survivor.presumedDead(clock.instant()).block())
                        .as("not yet silent for the whole window")
                        .isEmpty();
            }
        }
        assertThat(killed.maySend(clock.instant())).as("its heartbeat is late").isFalse();
        assertThat(survivor.presumedDead(clock.instant()).block()).containsExactly(killed.self());

        // A newcomer cannot tell dead from cut off until its own heartbeats have run for the window.
        var newcomer = new LiveSenders(mongo, clock, window, Duration.ofMinutes(3));
        newcomer.heartbeat().block();
        assertThat(newcomer.presumedDead(clock.instant()).block()).isEmpty();
        for (int second = 2; second <= 10; second += 2) {
            clock.advance(Duration.ofSeconds(2));
            newcomer.heartbeat().block();
            survivor.heartbeat().block();
        }
        assertThat(newcomer.presumedDead(clock.instant()).block()).containsExactly(killed.self());
    }

    /** A clock the test moves. */
    private static final class MutableClock extends java.time.Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void onlyTheHolderOfTheLeaseDecidesAndASentEmailStaysSent() {
        var now = Instant.now();
        deliveries.enqueue(pending("m1:ann@example.org", now)).block();
        assertThat(wakes).hasValue(1);
        deliveries.enqueue(pending("m1:ann@example.org", now)).block(); // the same cause again
        assertThat(wakes).hasValue(1);

        var seen = deliveries.due(now.plusSeconds(1), 10).blockFirst();
        var mine = Deliveries.newLease();
        assertThat(deliveries
                        .claim(seen, now, mine, now.plusSeconds(60), "test-instance")
                        .block())
                .isTrue();
        // Another sender that saw the same delivery before it changed hands gets nothing.
        assertThat(deliveries
                        .claim(seen, now, Deliveries.newLease(), now.plusSeconds(60), "test-instance")
                        .block())
                .isFalse();
        assertThat(deliveries.due(now.plusSeconds(1), 10).collectList().block()).isEmpty();

        // Not the holder: no retry, no failure, no giving back.
        var other = Deliveries.newLease();
        assertThat(deliveries.retryLater(seen, other, 1, now, "x").block()).isFalse();
        assertThat(deliveries.markFailed(seen.id(), other, 1, "x").block()).isFalse();
        assertThat(deliveries.release(seen, other).block()).isFalse();
        assertThat(status(seen.id())).isEqualTo(DeliveryStatus.PENDING.name());

        // The holder gives it back for later: due again, under a new lease value.
        assertThat(deliveries
                        .retryLater(seen, mine, 1, now, "mail server unavailable")
                        .block())
                .isTrue();
        var again = deliveries.due(now.plusSeconds(1), 10).blockFirst();
        assertThat(again.lease()).isNotEqualTo(seen.lease()).isNotEqualTo(mine);
        assertThat(again.attempts()).isEqualTo(1);

        // A second sender claims it; the first, whose lease has ended, sent it anyway: recorded as sent.
        var second = Deliveries.newLease();
        assertThat(deliveries
                        .claim(again, now, second, now.plusSeconds(60), "test-instance")
                        .block())
                .isTrue();
        assertThat(deliveries.markSent(seen.id(), mine, now).block()).isFalse();
        assertThat(status(seen.id())).isEqualTo(DeliveryStatus.SENT.name());
        // ... and the second sender can no longer turn it into a failure.
        assertThat(deliveries
                        .markFailed(seen.id(), second, 2, "rejected by the mail server")
                        .block())
                .isFalse();
        assertThat(status(seen.id())).isEqualTo(DeliveryStatus.SENT.name());
        assertThat(mongo.findById(seen.id(), Delivery.class).block().privateLink())
                .isNull();
    }

    @Test
    void handsTheSendersWhatItQueuesAndGivesBackUnderTheLeaseValueAClaimMustName() {
        var now = Instant.now();
        deliveries.enqueue(pending("m3:cy@example.org", now)).block();
        var handed = arrivals.take(10);
        assertThat(handed).extracting(Delivery::id).containsExactly("m3:cy@example.org");
        assertThat(arrivals.take(10)).isEmpty();

        // Claimed by _id and the value it was handed with, no search; once only.
        var mine = Deliveries.newLease();
        assertThat(deliveries
                        .claim(handed.get(0), now, mine, now.plusSeconds(60), "test-instance")
                        .block())
                .isTrue();
        assertThat(deliveries
                        .claim(handed.get(0), now, Deliveries.newLease(), now.plusSeconds(60), "test-instance")
                        .block())
                .isFalse();

        // Given back untried: handed over again under the new value, which a claim then names.
        assertThat(deliveries.release(handed.get(0), mine).block()).isTrue();
        var back = arrivals.take(10);
        assertThat(back)
                .singleElement()
                .satisfies(again -> assertThat(again.lease())
                        .isNotEqualTo(mine)
                        .isNotEqualTo(handed.get(0).lease()));
        var second = Deliveries.newLease();
        assertThat(deliveries
                        .claim(back.get(0), now, second, now.plusSeconds(60), "test-instance")
                        .block())
                .isTrue();

        // Given back for later: handed over when it is due, with its attempts.
        assertThat(deliveries
                        .retryLater(back.get(0), second, 1, Instant.now().plusMillis(200), "mail server unavailable")
                        .block())
                .isTrue();
        assertThat(arrivals.take(10)).isEmpty();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(arrivals.take(10))
                        .singleElement()
                        .satisfies(retried -> {
                            assertThat(retried.attempts()).isEqualTo(1);
                            assertThat(deliveries
                                            .claim(
                                                    retried,
                                                    now,
                                                    Deliveries.newLease(),
                                                    now.plusSeconds(60),
                                                    "test-instance")
                                            .block())
                                    .isTrue();
                        }));
    }

    @Test
    void aDeliveryQueuedBeforeLeaseValuesExistedCanStillBeClaimedOnce() {
        var now = Instant.now();
        var old = pending("m2:bo@example.org", now);
        mongo.insert(old).block();
        mongo.updateFirst(
                        query(where("_id").is(old.id())),
                        new org.springframework.data.mongodb.core.query.Update().unset("lease"),
                        Delivery.class)
                .block();
        var seen = deliveries.due(now.plusSeconds(1), 10).blockFirst();
        assertThat(seen.lease()).isNull();
        assertThat(deliveries
                        .claim(seen, now, Deliveries.newLease(), now.plusSeconds(60), "test-instance")
                        .block())
                .isTrue();
        assertThat(deliveries
                        .claim(seen, now, Deliveries.newLease(), now.plusSeconds(60), "test-instance")
                        .block())
                .isFalse();
    }

    /** As stored: the status's name, which the queries compare against. */
    private String status(String id) {
        return mongo.findById(id, org.bson.Document.class, "deliveries").block().getString("status");
    }

    private static Delivery pending(String id, Instant now) {
        return Delivery.pending(
                id, "confirmation", "ann@example.org", "Ann", null, "e1", null, null, "http://x/manage/t", now, null);
    }
}
