package org.convene.testing;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at the shared test infrastructure. Each context gets a database of its
 * own, so contexts never see each other's documents, while the broker and servers are shared.
 */
public class ConveneInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String DYNAMIC_TEST_PROPERTIES = "Dynamic Test Properties";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var infrastructure = TestInfrastructure.shared();
        var database = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> properties = Map.of(
                "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                "spring.kafka.consumer.auto-offset-reset", "earliest",
                // Each context has its own database, so it must also see every message itself.
                "spring.kafka.consumer.group-id", "test-" + database,
                "spring.mongodb.uri", infrastructure.mongoUri(database),
                "spring.mail.host", infrastructure.smtpHost(),
                "spring.mail.port", infrastructure.smtpPort(),
                "convene.security.jwk-set-uri", TestTokens.shared().jwkSetUri(),
                "convene.security.issuer", TestTokens.ISSUER,
                "convene.security.audience", TestTokens.AUDIENCE);
        // Below a test's own @DynamicPropertySource values, above everything else.
        var sources = context.getEnvironment().getPropertySources();
        var source = new MapPropertySource("conveneTestInfrastructure", properties);
        if (sources.contains(DYNAMIC_TEST_PROPERTIES)) {
            sources.addAfter(DYNAMIC_TEST_PROPERTIES, source);
        } else {
            sources.addFirst(source);
        }
    }
}
