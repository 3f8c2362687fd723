package org.convene.notifications;

import java.util.ArrayList;
import java.util.List;
import org.convene.testing.TestInfrastructure;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another instance of notifications-service in this JVM: no HTTP server (several reactive servers
 * in one JVM share Reactor Netty's resources, and closing one would stop the others), the shared
 * broker and SMTP server, and the database and consumer group it is given.
 */
public final class SecondInstance {

    private SecondInstance() {}

    public static ConfigurableApplicationContext start(String mongoUri, String groupId, String... more) {
        var infrastructure = TestInfrastructure.shared();
        var args = new ArrayList<>(List.of(
                "--spring.mongodb.uri=" + mongoUri,
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.kafka.consumer.group-id=" + groupId,
                "--spring.kafka.consumer.auto-offset-reset=earliest",
                "--spring.mail.host=" + infrastructure.smtpHost(),
                "--spring.mail.port=" + infrastructure.smtpPort()));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(NotificationsServiceApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }
}
