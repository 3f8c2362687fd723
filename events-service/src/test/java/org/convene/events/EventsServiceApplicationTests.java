package org.convene.events;

import java.util.List;
import org.convene.testing.IntegrationTest;
import org.convene.testing.OperationalEndpointsContract;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class EventsServiceApplicationTests implements OperationalEndpointsContract {

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

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
        return "events-service";
    }

    @Override
    public List<String> readinessDependencies() {
        return List.of("mongo", "kafka");
    }
}
