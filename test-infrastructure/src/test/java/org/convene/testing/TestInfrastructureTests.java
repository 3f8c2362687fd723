package org.convene.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.convene.contracts.Topics;
import org.junit.jupiter.api.Test;

/** Whatever kind was chosen, the servers are real: they speak Kafka, the MongoDB wire protocol and SMTP. */
class TestInfrastructureTests {

    private final TestInfrastructure infrastructure = TestInfrastructure.shared();

    @Test
    void isTheSameInstanceForTheWholeTestRun() {
        assertThat(TestInfrastructure.shared()).isSameAs(infrastructure);
        assertThat(infrastructure.description()).containsAnyOf("EMBEDDED", "TESTCONTAINERS");
    }

    @Test
    void brokerDeliversWhatIsPublishedToAConventionalTopic() throws Exception {
        var value = UUID.randomUUID().toString();
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.REGISTRATIONS, "event-1", value))
                    .get(30, TimeUnit.SECONDS);
        }
        var received = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "infrastructure-test-" + value,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.REGISTRATIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!received.contains(value) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(record -> received.add(record.value()));
            }
        }
        assertThat(received).contains(value);
    }

    @Test
    void storeKeepsWhatIsWrittenAndEnforcesUniqueIndexes() {
        try (var client = MongoClients.create(infrastructure.mongoUri("infrastructure-test"))) {
            var collection = client.getDatabase("infrastructure-test").getCollection("things");
            collection.createIndex(new Document("key", 1), new com.mongodb.client.model.IndexOptions().unique(true));
            collection.insertOne(new Document("key", "a").append("seats", 1));
            assertThat(collection.find(new Document("key", "a")).first()).containsEntry("seats", 1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> collection.insertOne(new Document("key", "a")))
                    .isInstanceOf(com.mongodb.MongoWriteException.class);
        }
    }

    @Test
    void smtpServerReceivesMail() throws Exception {
        var subject = "infrastructure " + UUID.randomUUID();
        var properties = new Properties();
        properties.put("mail.smtp.host", infrastructure.smtpHost());
        properties.put("mail.smtp.port", String.valueOf(infrastructure.smtpPort()));
        var message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("tests@convene.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@convene.test"));
        message.setSubject(subject);
        message.setText("hello");
        Transport.send(message);

        assertThat(infrastructure.mail().waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(infrastructure.mail().getReceivedMessages())
                .anySatisfy(received -> assertThat(received.getSubject()).isEqualTo(subject));
    }
}
