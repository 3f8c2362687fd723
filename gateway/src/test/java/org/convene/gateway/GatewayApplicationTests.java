package org.convene.gateway;

import java.util.List;
import org.convene.testing.OperationalEndpointsContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway needs no broker or store; three small HTTP servers stand in for the services behind it. */
class GatewayApplicationTests extends GatewayTest implements OperationalEndpointsContract {

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

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
        expectHandledBy("/api/events/availability?ids=6a1b,6a1c", "registrations-service");
        expectHandledBy("/api/registrations/r-9", "registrations-service");
    }

    @Test
    void routesNewslettersToTheNotificationsService() {
        expectHandledBy("/api/newsletter/subscriptions", "notifications-service");
        expectHandledBy("/api/newsletters/n-3", "notifications-service");
        expectHandledBy("/newsletter/unsubscribe/t0k3n", "notifications-service");
    }

    @Test
    void routesAnOrganisationsWebhooksToTheNotificationsServiceAndTheRestOfItToTheEventsService() {
        expectHandledBy("/api/organisations/o-1/webhooks", "notifications-service");
        expectHandledBy("/api/organisations/o-1/webhooks/we_1/deliveries", "notifications-service");
        expectHandledBy("/api/organisations/o-1/offerings", "events-service");
    }

    @Test
    void routesAnOrganisationsBookingRequestFormToThePages() {
        for (var path :
                java.util.List.of("/organisations/voices-of-care/book", "/organisations/voices-of-care/book/sent")) {
            client.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(body ->
                            org.assertj.core.api.Assertions.assertThat(body).startsWith("web " + path));
        }
        expectHandledBy("/api/organisations/voices-of-care/booking-requests", "events-service");
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
    public int managementPort() {

        return managementPort;
    }

    @Override
    public String applicationName() {
        return "gateway";
    }

    @Override
    public List<String> readinessDependencies() {
        return List.of();
    }
}
