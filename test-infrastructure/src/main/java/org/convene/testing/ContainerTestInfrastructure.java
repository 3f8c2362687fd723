package org.convene.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.convene.contracts.Topics;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;

/** Real {@code apache/kafka} and {@code mongo} (as a single-node replica set) images, with GreenMail in this JVM. */
final class ContainerTestInfrastructure implements TestInfrastructure, SharedTestInfrastructure.AutoCloseable {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String MONGO_IMAGE = "mongo:8.0";

    private final KafkaContainer kafka;
    private final MongoDBContainer mongo;
    private final GreenMail mail;
    private final String reason;

    private ContainerTestInfrastructure(KafkaContainer kafka, MongoDBContainer mongo, GreenMail mail, String reason) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.mail = mail;
        this.reason = reason;
    }

    static ContainerTestInfrastructure start(String reason) {
        var kafka = new KafkaContainer(KAFKA_IMAGE);
        var mongo = new MongoDBContainer(MONGO_IMAGE);
        Startables.deepStart(kafka, mongo).join();
        createTopics(kafka.getBootstrapServers());
        var mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return new ContainerTestInfrastructure(kafka, mongo, mail, reason);
    }

    private static void createTopics(String bootstrapServers) {
        var config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (var admin = Admin.create(config)) {
            List<NewTopic> topics = Topics.all().stream()
                    .map(name -> new NewTopic(name, Topics.PARTITIONS, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create Convene topics in the Kafka container", e);
        }
    }

    @Override
    public String description() {
        return "TESTCONTAINERS (" + reason + "): " + KAFKA_IMAGE + " at " + kafkaBootstrapServers() + ", "
                + MONGO_IMAGE + " replica set at " + mongo.getReplicaSetUrl() + ", GreenMail SMTP at " + smtpHost()
                + ":" + smtpPort();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String mongoUri(String database) {
        return mongo.getReplicaSetUrl(database);
    }

    @Override
    public GreenMail mail() {
        return mail;
    }

    @Override
    public void close() {
        mail.stop();
        mongo.stop();
        kafka.stop();
    }
}
