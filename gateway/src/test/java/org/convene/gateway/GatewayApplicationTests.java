package org.convene.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.convene.testing.OperationalEndpointsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway needs no broker or store; three small HTTP servers stand in for the services behind it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayApplicationTests implements OperationalEndpointsContract {

    private static final HttpServer EVENTS = backend("events-service");
    private static final HttpServer REGISTRATIONS = backend("registrations-service");
    private static final HttpServer NOTIFICATIONS = backend("notifications-service");

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void serviceLocations(DynamicPropertyRegistry registry) {
        registry.add("CONVENE_GATEWAY_EVENTS_URI", () -> uri(EVENTS));
        registry.add("CONVENE_GATEWAY_REGISTRATIONS_URI", () -> uri(REGISTRATIONS));
        registry.add("CONVENE_GATEWAY_NOTIFICATIONS_URI", () -> uri(NOTIFICATIONS));
    }

    @AfterAll
    static void stopBackends() {
        List.of(EVENTS, REGISTRATIONS, NOTIFICATIONS).forEach(server -> server.stop(0));
    }

    @Test
    void routesEventsToTheEventsService() {
        expectHandledBy("/api/events?audience=young-people", "events-service");
        expectHandledBy("/api/events/6a1b", "events-service");
        expectHandledBy("/api/organisations/o-1", "events-service");
    }

    @Test
    void routesAnEventsRegistrationsToTheRegistrationsService() {
        expectHandledBy("/api/events/6a1b/registrations", "registrations-service");
        expectHandledBy("/api/events/6a1b/availability", "registrations-service");
        expectHandledBy("/api/registrations/r-9", "registrations-service");
    }

    @Test
    void routesNewslettersToTheNotificationsService() {
        expectHandledBy("/api/newsletter/subscriptions", "notifications-service");
        expectHandledBy("/api/newsletters/n-3", "notifications-service");
    }

    @Test
    void answersUnknownPathsItselfWithNotFound() {
        client.get().uri("/internal/anything").exchange().expectStatus().isNotFound();
    }

    private void expectHandledBy(String path, String service) {
        client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo(service + " " + path);
    }

    @Override
    public WebTestClient client() {
        return client;
    }

    @Override
    public String applicationName() {
        return "gateway";
    }

    @Override
    public List<String> readinessDependencies() {
        return List.of();
    }

    /** Answers every request with its own name and the path it received, so a test sees where a route led. */
    private static HttpServer backend(String name) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    var body = (name + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uri(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
