package org.convene.notifications.newsletter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.convene.notifications.newsletter.domain.NewsletterDeliveryStatus;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Claims of a newsletter's deliveries on the real store: senders racing for the same deliveries
 * never hold one together, what one holds nobody else takes until its lease ends, and what was
 * recorded as sent is never claimed again.
 */
class NewsletterClaimTests {

    private static final String NEWSLETTER = "n-1";

    private MongoClient client;
    private ReactiveMongoTemplate mongo;
    private NewsletterDeliveries deliveries;

    @BeforeEach
    void store() {
        var database = "newsletter-claims-" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(TestInfrastructure.shared().mongoUri(database));
        mongo = new ReactiveMongoTemplate(client, database);
        mongo.indexOps("newsletter_deliveries")
                .createIndex(new Index()
                        .on("_id", Sort.Direction.ASC)
                        .on("version", Sort.Direction.ASC)
                        .unique()
                        .named("version_check"))
                .block(Duration.ofSeconds(10));
        deliveries = new NewsletterDeliveries(mongo);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void sendersRacingForTheSameDeliveriesNeverHoldOneTogether() {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        plan(600, now);
        var holders = new ConcurrentHashMap<String, List<String>>();
        var lease = now.plusSeconds(60);

        Flux.range(0, 6)
                .parallel(6)
                .runOn(Schedulers.parallel())
                .flatMap(sender -> deliveries
                        .claim(NEWSLETTER, "sender-" + sender, now, lease, 250)
                        .doOnNext(held -> holders.computeIfAbsent(held.id(), id -> new ArrayList<>())
                                .add("sender-" + sender)))
                .sequential()
                .blockLast(Duration.ofSeconds(60));

        assertThat(holders.values()).allSatisfy(senders -> assertThat(senders).hasSize(1));
        for (var entry : holders.entrySet()) {
            var stored = mongo.findById(entry.getKey(), Document.class, "newsletter_deliveries")
                    .block();
            assertThat(stored.getString("leaseOwner"))
                    .isEqualTo(entry.getValue().getFirst());
        }
    }

    @Test
    void whatIsHeldWaitsForItsLeaseAndWhatWasSentIsNeverClaimedAgain() {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        plan(10, now);
        var first = deliveries
                .claim(NEWSLETTER, "first", now, now.plusSeconds(60), 10)
                .collectList()
                .block();
        assertThat(first).hasSize(10);
        assertThat(deliveries
                        .claim(NEWSLETTER, "second", now.plusSeconds(1), now.plusSeconds(61), 10)
                        .collectList()
                        .block())
                .as("held by the first sender")
                .isEmpty();

        deliveries
                .markSent(
                        first.subList(0, 4).stream().map(NewsletterDelivery::id).toList(), now)
                .block();
        var afterTheLease = deliveries
                .claim(NEWSLETTER, "second", now.plusSeconds(61), now.plusSeconds(121), 10)
                .collectList()
                .block();
        assertThat(afterTheLease)
                .extracting(NewsletterDelivery::id)
                .containsExactlyInAnyOrderElementsOf(first.subList(4, 10).stream()
                        .map(NewsletterDelivery::id)
                        .toList());
        assertThat(deliveries.count(NEWSLETTER, NewsletterDeliveryStatus.SENT).block())
                .isEqualTo(4);
    }

    @Test
    void aDeliveryPlannedBeforeVersionsWereKeptIsClaimedOnce() {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        plan(1, now);
        mongo.updateFirst(
                        query(where("_id").is(NEWSLETTER + ":s-0")),
                        new Update().unset("version"),
                        "newsletter_deliveries")
                .block();

        assertThat(deliveries
                        .claim(NEWSLETTER, "first", now, now.plusSeconds(60), 10)
                        .collectList()
                        .block())
                .hasSize(1)
                .allSatisfy(held -> assertThat(held.version()).isEqualTo(1L));
        assertThat(deliveries
                        .claim(NEWSLETTER, "second", now, now.plusSeconds(60), 10)
                        .collectList()
                        .block())
                .isEmpty();
    }

    @Test
    void planningAgainAfterACrashAddsNobodyTwiceAndSkipsNobody() {
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // A crash after every other batch of the first planning had been written.
        Flux.range(0, 1_200)
                .filter(i -> (i / 100) % 2 == 0)
                .map(i -> NewsletterDelivery.pending(NEWSLETTER, "s-" + i, now))
                .buffer(100)
                .concatMap(deliveries::planAll)
                .blockLast(Duration.ofSeconds(30));
        assertThat(deliveries.count(NEWSLETTER).block()).isEqualTo(600);

        plan(1_200, now.plusSeconds(5));

        assertThat(deliveries.count(NEWSLETTER).block()).isEqualTo(1_200);
        var planned = mongo.findAll(Document.class, "newsletter_deliveries")
                .map(document -> document.getString("subscriberId"))
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(planned).hasSize(1_200).doesNotHaveDuplicates();
        // The first planning's deliveries are kept as they were.
        assertThat(mongo.findById(NEWSLETTER + ":s-0", NewsletterDelivery.class)
                        .block()
                        .nextAttemptAt())
                .isEqualTo(now);
    }

    private void plan(int subscribers, Instant now) {
        Flux.range(0, subscribers)
                .map(i -> NewsletterDelivery.pending(NEWSLETTER, "s-" + i, now))
                .buffer(250)
                .concatMap(deliveries::planAll)
                .blockLast(Duration.ofSeconds(30));
    }
}
