package org.convene.events.event.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.convene.contracts.Topics;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.contracts.organisations.OrganisationMessageType;
import org.convene.support.outbox.OutboxProperties;
import org.convene.support.outbox.OutboxRelay;
import org.convene.support.outbox.OutboxWakeUps;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The relay's two ways of finding work, on a collection of its own so the service's relays stay out
 * of it: a write's wake-up publishes at once (long before the sweep), and a document a killed
 * instance held is published soon after that instance's short lease runs out.
 */
@IntegrationTest
class OutboxRelayLeaseTests {

    private static final String COLLECTION = "relay_lease_tests";

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    KafkaTemplate<String, OrganisationMessage> kafka;

    private final OutboxWakeUps wakeUps = new OutboxWakeUps();
    private OutboxRelay<OrganisationMessage> relay;

    @AfterEach
    void stopRelay() {
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void aWakeUpPublishesAtOnceWithoutWaitingForTheSweep() throws Exception {
        var meters = new SimpleMeterRegistry();
        relay = relay(Duration.ofMinutes(10), meters);
        relay.start();
        var id = "wake-" + UUID.randomUUID();
        try (var recorder = TopicRecorder.record(Topics.ORGANISATIONS)) {
            // Written after the start-up sweep, so only the wake-up can find it within the test.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> meters.get("convene.outbox.sweep.last.completed")
                                    .gauge()
                                    .value()
                            > 0);
            mongo.insert(withOutbox(id, null), COLLECTION).block();
            wakeUps.written(COLLECTION, id);

            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(recorder.withKey(id)).hasSize(1));
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());
    }

    @Test
    void aKilledInstancesDocumentFlowsSoonAfterItsLeaseRunsOut() throws Exception {
        var id = "orphan-" + UUID.randomUUID();
        // As a killed instance leaves it: claimed for the next second, by an owner that will never return.
        var deadOwnersLease = (Instant.now().plusSeconds(1).toEpochMilli()) + "|" + UUID.randomUUID();
        mongo.insert(withOutbox(id, deadOwnersLease), COLLECTION).block();
        try (var recorder = TopicRecorder.record(Topics.ORGANISATIONS)) {
            relay = relay(Duration.ofMillis(500), new SimpleMeterRegistry());
            relay.start();
            var started = System.nanoTime();

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(recorder.withKey(id)).hasSize(1));
            // The lease had about a second left; a sweep every half second then takes it over.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    private OutboxRelay<OrganisationMessage> relay(Duration sweepInterval, SimpleMeterRegistry meters) {
        var properties = new OutboxProperties(
                sweepInterval, Duration.ofSeconds(3), 100, Duration.ofSeconds(2), 4, Duration.ofSeconds(5));
        return new OutboxRelay<>(
                mongo,
                kafka,
                wakeUps,
                COLLECTION,
                Topics.ORGANISATIONS,
                OrganisationMessage.class,
                OrganisationMessage::messageId,
                OrganisationMessage::organisationId,
                properties,
                Clock.systemUTC(),
                meters);
    }

    private Document withOutbox(String id, String lease) {
        var message = new Document();
        mongo.getConverter().write(sample(id), message);
        message.remove("_class");
        var document = new Document("_id", id).append("outbox", List.of(message));
        if (lease != null) {
            document.append("relayLease", lease);
        }
        return document;
    }

    private List<Document> outboxOf(String id) {
        var found = mongo.findById(id, Document.class, COLLECTION).block();
        return found == null ? List.of() : found.getList("outbox", Document.class, List.of());
    }

    private static OrganisationMessage sample(String organisationId) {
        return new OrganisationMessage(
                UUID.randomUUID(),
                OrganisationMessageType.OrganisationUpdated,
                Instant.now(),
                organisationId,
                2,
                "Relay tests",
                "contact@example.org",
                null,
                null,
                false);
    }
}
