package org.convene.registrations.registration.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationFixtures;
import org.convene.testing.IntegrationTest;
import org.convene.testing.ManagementPort;
import org.convene.testing.TestInfrastructure;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A message nobody can read is set aside and counted; the partition it was in keeps flowing. */
@IntegrationTest
class DeadLetterTests {

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @Test
    void anUnreadableMessageGoesToTheDeadLetterTopicAndTheNextMessageIsStillProcessed() throws Exception {
        var key = UUID.randomUUID().toString();
        try (var deadLetters = TopicRecorder.record(Topics.deadLetterOf(Topics.EVENTS));
                var producer = new KafkaProducer<String, String>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                TestInfrastructure.shared().kafkaBootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, key, "{not json at all"))
                    .get();

            // Same key, so the same partition: it must not be blocked behind the poison.
            kafka.send(Topics.EVENTS, key, RegistrationFixtures.event(key, 1, 5, EventMessage.Status.PUBLISHED))
                    .get();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> client.get()
                            .uri("/api/events/" + key + "/availability")
                            .exchange()
                            .expectStatus()
                            .isOk());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(deadLetters.withKey(key))
                            .extracting(TopicRecorder.Received::value)
                            .containsExactly("{not json at all"));
            var scrape = ManagementPort.client(managementPort)
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(scrape).containsPattern("convene_messages_dead_lettered_total\\{[^}]*} [1-9]");
        }
    }
}
