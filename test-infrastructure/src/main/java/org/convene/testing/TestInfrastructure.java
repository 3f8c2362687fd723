package org.convene.testing;

import com.icegreen.greenmail.util.GreenMail;

/**
 * Kafka, MongoDB and SMTP for integration tests. One instance per test JVM (per module), started on
 * first use and stopped when the JVM exits; every Spring context and test class shares it.
 */
public interface TestInfrastructure {

    /** Which servers run, in words, for the test output. */
    String description();

    String kafkaBootstrapServers();

    String mongoUri(String database);

    /** The SMTP server's received mail; a real SMTP server in both kinds of infrastructure. */
    GreenMail mail();

    default String smtpHost() {
        return "127.0.0.1";
    }

    default int smtpPort() {
        return mail().getSmtp().getPort();
    }

    /** The infrastructure for this test JVM, started on first call. */
    static TestInfrastructure shared() {
        return SharedTestInfrastructure.get();
    }
}
