package org.convene.registrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.convene.registrations.registration.RegistrationFixtures;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service is stopped while registrations pour in and started again on the same database. No
 * seat is given twice, and once reconciliation has run the ledger equals the confirmed seats.
 */
class RestartDuringBurstTests {

    private static final int CAPACITY = 40;

    @Test
    void noOverbookingAndTheLedgerMatchesConfirmedSeatsAfterARestartMidBurst() throws Exception {
        var database = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        var event = UUID.randomUUID().toString();

        var first = start(database);
        try {
            // The ledger as events-service's messages would have made it; the broker is not what this tests.
            var now = java.time.Instant.now();
            first.getBean(ReactiveMongoTemplate.class)
                    .insert(
                            new Document("_id", event)
                                    .append("organisationId", "org-test")
                                    .append("status", "PUBLISHED")
                                    .append("capacity", CAPACITY)
                                    .append("seatsLeft", CAPACITY)
                                    .append("seatsTaken", 0)
                                    .append("waiting", 0)
                                    .append("maxCompanions", 2)
                                    .append("registrationOpensAt", java.util.Date.from(now.minusSeconds(3600)))
                                    .append("registrationClosesAt", java.util.Date.from(now.plusSeconds(86_400)))
                                    .append("endsAt", java.util.Date.from(now.plusSeconds(90_000)))
                                    .append("eventVersion", 1L)
                                    .append("holders", java.util.List.of()),
                            "seat_ledgers")
                    .block();
            var firstClient = client(first);

            // Stop the service while the first burst is still arriving.
            var answered = new AtomicInteger();
            var burst = burst(firstClient, event, "first", 120, answered).subscribe();
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 25);
            first.close();
            burst.dispose();
        } finally {
            first.close();
        }

        var second = start(database);
        try {
            burst(client(second), event, "second", 80, new AtomicInteger()).blockLast(Duration.ofSeconds(60));
            var mongo = second.getBean(ReactiveMongoTemplate.class);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(mongo.count(
                                            query(where("eventId")
                                                    .is(event)
                                                    .and("status")
                                                    .is("PENDING")),
                                            "registrations")
                                    .block())
                            .as("registrations left pending by the stop are settled")
                            .isZero());

            var ledger = mongo.findById(event, Document.class, "seat_ledgers").block();
            var seatsTaken = ledger.getInteger("seatsTaken");
            var held =
                    org.convene.registrations.registration.persistence.PartyLists.decode(ledger.get("holders")).stream()
                            .mapToInt(holder -> holder.seats())
                            .sum();
            var confirmed = mongo.find(
                            query(where("eventId").is(event).and("status").is("CONFIRMED")),
                            Document.class,
                            "registrations")
                    .map(registration -> registration.getInteger("seats"))
                    .reduce(0, Integer::sum)
                    .block();
            assertThat(seatsTaken).as("never more seats than capacity").isLessThanOrEqualTo(CAPACITY);
            assertThat(held).isEqualTo(seatsTaken);
            assertThat(confirmed).as("confirmed seats equal the ledger").isEqualTo(seatsTaken);
        } finally {
            second.close();
        }
    }

    private static Flux<String> burst(
            WebClient client, String event, String wave, int parties, AtomicInteger answered) {
        return Flux.range(0, parties)
                .flatMap(
                        i -> client.post()
                                .uri("/api/events/" + event + "/registrations")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(RegistrationFixtures.person(wave + " racer " + i, i % 3))
                                .retrieve()
                                .bodyToMono(String.class)
                                .doOnNext(body -> answered.incrementAndGet())
                                // Requests cut off by the stop are expected; the person would retry.
                                .onErrorResume(e -> Mono.empty()),
                        16);
    }

    private static WebClient client(ConfigurableApplicationContext context) {
        var port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebClient.create("http://127.0.0.1:" + port);
    }

    private static ConfigurableApplicationContext start(String database) {
        var infrastructure = TestInfrastructure.shared();
        // Command-line arguments, so they win over the service's own application.yml.
        return new SpringApplicationBuilder(RegistrationsServiceApplication.class)
                // Closing this app must not stop the other servers in this JVM: by default it would shut down
                // Reactor Netty's global resources, which the shared broker, store and other contexts also use.
                .initializers(context -> ((GenericApplicationContext) context)
                        .registerBean(ReactorResourceFactory.class, () -> {
                            var resources = new ReactorResourceFactory();
                            resources.setUseGlobalResources(false);
                            return resources;
                        }))
                .run(
                        "--server.port=0",
                        "--spring.mongodb.uri=" + infrastructure.mongoUri(database),
                        "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--spring.kafka.consumer.group-id=" + database,
                        "--convene.registrations.reconcile-after=1s",
                        "--convene.registrations.reconcile-every=500ms",
                        "--spring.lifecycle.timeout-per-shutdown-phase=2s");
    }
}
