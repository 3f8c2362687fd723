package org.convene.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.bwaldvogel.mongo.MongoServer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.convene.contracts.Topics;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Kafka broker in KRaft mode, the mongo-java-server wire-protocol store and GreenMail, all in this JVM. */
final class EmbeddedTestInfrastructure implements TestInfrastructure, SharedTestInfrastructure.AutoCloseable {

    private final EmbeddedKafkaKraftBroker kafka;
    private final MongoServer mongo;
    private final String mongoAddress;
    private final GreenMail mail;
    private final String reason;

    private EmbeddedTestInfrastructure(
            EmbeddedKafkaKraftBroker kafka, MongoServer mongo, String mongoAddress, GreenMail mail, String reason) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.mongoAddress = mongoAddress;
        this.mail = mail;
        this.reason = reason;
    }

    static EmbeddedTestInfrastructure start(String reason) {
        var kafka =
                new EmbeddedKafkaKraftBroker(1, Topics.PARTITIONS, Topics.all().toArray(String[]::new));
        kafka.afterPropertiesSet();
        var mongo = new MongoServer(new SnapshotMemoryBackend());
        var address = mongo.bind();
        var mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return new EmbeddedTestInfrastructure(
                kafka, mongo, address.getHostString() + ":" + address.getPort(), mail, reason);
    }

    @Override
    public String description() {
        return "EMBEDDED (" + reason + "): Apache Kafka " + AppInfoParser.getVersion() + " KRaft broker at "
                + kafkaBootstrapServers() + ", mongo-java-server at " + mongoAddress + ", GreenMail SMTP at "
                + smtpHost() + ":" + smtpPort();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    public String mongoUri(String database) {
        return "mongodb://" + mongoAddress + "/" + database;
    }

    @Override
    public GreenMail mail() {
        return mail;
    }

    @Override
    public void close() {
        mail.stop();
        mongo.shutdownNow();
        kafka.destroy();
    }
}
