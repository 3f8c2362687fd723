package org.convene.notifications;

import java.util.List;
import org.convene.testing.IntegrationTest;
import org.convene.testing.OperationalEndpointsContract;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class NotificationsServiceApplicationTests implements OperationalEndpointsContract {

    @Autowired
    WebTestClient client;

    @Override
    public WebTestClient client() {
        return client;
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
