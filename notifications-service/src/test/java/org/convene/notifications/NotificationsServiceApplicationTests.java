package org.convene.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.convene.testing.IntegrationTest;
import org.convene.testing.OperationalEndpointsContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class NotificationsServiceApplicationTests implements OperationalEndpointsContract {

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JavaMailSender mail;

    @Autowired
    List<MongoClientSettingsBuilderCustomizer> mongoCustomizers;

    /** Jakarta Mail and the Mongo driver wait forever unless told otherwise (invariant 7, docs/invariants.md). */
    @Test
    void everyWaitOnTheMailServerAndTheStoreIsBoundedByDefault() {
        var smtp = ((JavaMailSenderImpl) mail).getJavaMailProperties();
        assertThat(smtp)
                .containsEntry("mail.smtp.connectiontimeout", "5000")
                .containsEntry("mail.smtp.timeout", "10000")
                .containsEntry("mail.smtp.writetimeout", "10000");
        var settings = MongoClientSettings.builder();
        mongoCustomizers.forEach(customizer -> customizer.customize(settings));
        var mongoSettings = settings.build();
        assertThat(mongoSettings.getSocketSettings().getReadTimeout(TimeUnit.SECONDS))
                .isEqualTo(30);
        assertThat(mongoSettings.getSocketSettings().getConnectTimeout(TimeUnit.SECONDS))
                .isEqualTo(10);
    }

    @Override
    public WebTestClient client() {
        return client;
    }

    @Override
    public int managementPort() {

        return managementPort;
    }

    @Override
    public String applicationName() {
        return "notifications-service";
    }

    @Override
    public List<String> readinessDependencies() {
        return List.of("mongo", "kafka");
    }
}
