package org.convene.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.testing.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/** Publishes what events-service and registrations-service would, as JSON on the real broker. */
final class Messages implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    EventMessage event(String eventId) throws Exception {
        var start = Instant.parse("2027-03-10T10:00:00Z");
        var message = new EventMessage(
                UUID.randomUUID(),
                EventMessageType.EventPublished,
                Instant.now(),
                eventId,
                2,
                "org-mail",
                EventMessage.Status.PUBLISHED,
                "Peer research workshop",
                start,
                start.plus(Duration.ofHours(4)),
                "Europe/London",
                20,
                2,
                Instant.now(),
                start,
                new EventMessage.VenueSummary(
                        "Community Hall", "12 Market Street, Leeds", "LS1 6DT", List.of("HEARING_LOOP")),
                false,
                null,
                List.of("BSL"),
                null);
        send(Topics.EVENTS, eventId, message);
        return message;
    }

    RegistrationMessage confirmed(String eventId, String email) {
        return new RegistrationMessage(
                UUID.randomUUID(),
                RegistrationMessageType.RegistrationConfirmed,
                Instant.now(),
                eventId,
                UUID.randomUUID().toString(),
                1,
                RegistrationMessage.Status.CONFIRMED,
                "Jordan",
                email,
                2,
                List.of("CARER"),
                null,
                "token-" + UUID.randomUUID(),
                List.of("INTERPRETER_BSL"));
    }

    void send(String topic, String key, Object message) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(message)))
                .get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
