package org.convene.notifications;

import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriberStatus;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.convene.testing.authorization.AuthorizationMatrix;
import org.convene.testing.authorization.MatrixRequest;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what on notifications-service: every endpoint it maps, for every kind of caller.
 * Subscribers act by the private token in their link and need no sign-in; organisers see only
 * their own organisation's newsletters (another organisation's are not found).
 */
@IntegrationTest
class NotificationsAuthorizationMatrixTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String a = "org-a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String b = "org-b-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ApplicationContext context;

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    Organisations organisations;

    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersEachCallerAsItShould() throws Exception {
        try (var messages = new Messages()) {
            messages.organisation(a, "Organisation A", "team@a.example", null, false);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> organisations.find(new OrganisationId(a)).block() != null);
        var matrix = AuthorizationMatrix.of(context, client, TestTokens.shared().callers(a, b));
        matrix.endpoint(GET, "/v3/api-docs")
                .request(() -> MatrixRequest.get("/v3/api-docs"))
                .publicWith(200);
        matrix.endpoint(GET, "/v3/api-docs.yaml")
                .request(() -> MatrixRequest.get("/v3/api-docs.yaml"))
                .publicWith(200);

        matrix.endpoint(POST, "/api/newsletter/subscriptions")
                .request(() -> MatrixRequest.post(
                        "/api/newsletter/subscriptions",
                        Map.of("organisationId", a, "email", fresh() + "@example.org", "topics", List.of("workshops"))))
                .publicWith(202);
        matrix.endpoint(GET, "/api/newsletter/subscriptions/{token}")
                .request(() ->
                        MatrixRequest.get("/api/newsletter/subscriptions/" + subscriber(SubscriberStatus.CONFIRMED)))
                .publicWith(200);
        matrix.endpoint(PUT, "/api/newsletter/subscriptions/{token}")
                .request(() -> MatrixRequest.put(
                        "/api/newsletter/subscriptions/" + subscriber(SubscriberStatus.CONFIRMED),
                        Map.of("topics", List.of("podcasts"))))
                .publicWith(200);
        matrix.endpoint(DELETE, "/api/newsletter/subscriptions/{token}")
                .request(() ->
                        MatrixRequest.delete("/api/newsletter/subscriptions/" + subscriber(SubscriberStatus.CONFIRMED)))
                .publicWith(204);
        matrix.endpoint(POST, "/api/newsletter/subscriptions/{token}/confirmation")
                .request(() -> MatrixRequest.post(
                        "/api/newsletter/subscriptions/" + subscriber(SubscriberStatus.PENDING) + "/confirmation",
                        null))
                .publicWith(200);
        matrix.endpoint(POST, "/api/newsletter/subscriptions/{token}/unsubscribe")
                .request(() -> MatrixRequest.post(
                        "/api/newsletter/subscriptions/" + subscriber(SubscriberStatus.CONFIRMED) + "/unsubscribe",
                        null))
                .publicWith(200);
        matrix.endpoint(GET, "/api/newsletter/subscriptions/{token}/export")
                .request(() -> MatrixRequest.get(
                        "/api/newsletter/subscriptions/" + subscriber(SubscriberStatus.CONFIRMED) + "/export"))
                .publicWith(200);

        for (var page : List.of("confirm", "unsubscribe", "preferences")) {
            matrix.endpoint(GET, "/newsletter/" + page + "/{token}")
                    .request(
                            () -> MatrixRequest.get("/newsletter/" + page + "/" + subscriber(SubscriberStatus.PENDING)))
                    .publicWith(200);
        }
        matrix.endpoint(POST, "/newsletter/confirm/{token}")
                .request(() -> MatrixRequest.post("/newsletter/confirm/" + subscriber(SubscriberStatus.PENDING), null))
                .publicWith(200);
        matrix.endpoint(POST, "/newsletter/unsubscribe/{token}")
                .request(() -> MatrixRequest.form(
                        "/newsletter/unsubscribe/" + subscriber(SubscriberStatus.CONFIRMED),
                        form("List-Unsubscribe", "One-Click")))
                .publicWith(200);
        matrix.endpoint(POST, "/newsletter/preferences/{token}")
                .request(() -> MatrixRequest.form(
                        "/newsletter/preferences/" + subscriber(SubscriberStatus.CONFIRMED),
                        form("topics", "training")))
                .publicWith(200);
        matrix.endpoint(POST, "/newsletter/erase/{token}")
                .request(() -> MatrixRequest.post("/newsletter/erase/" + subscriber(SubscriberStatus.CONFIRMED), null))
                .publicWith(200);

        matrix.endpoint(POST, "/api/newsletters")
                .request(() -> MatrixRequest.post("/api/newsletters", draftBody()))
                // Every organiser writes newsletters for their own organisation, whichever it is.
                .organisers(201, 201, 201);
        matrix.endpoint(GET, "/api/newsletters")
                .request(() -> MatrixRequest.get("/api/newsletters"))
                .organisers(200, 200, 200);
        matrix.endpoint(GET, "/api/newsletters/{id}")
                .request(() -> MatrixRequest.get("/api/newsletters/" + newsletterOfA()))
                .organisers(200, 404, 404);
        matrix.endpoint(GET, "/api/newsletters/{id}/preview")
                .request(() -> MatrixRequest.get("/api/newsletters/" + newsletterOfA() + "/preview"))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/newsletters/{id}/test")
                .request(() -> MatrixRequest.post("/api/newsletters/" + newsletterOfA() + "/test", null))
                .organisers(202, 404, 404);
        matrix.endpoint(POST, "/api/newsletters/{id}/schedule")
                .request(() -> MatrixRequest.post(
                        "/api/newsletters/" + newsletterOfA() + "/schedule", Map.of("sendAt", "2031-01-01T09:00:00Z")))
                .organisers(202, 404, 404);
        matrix.endpoint(POST, "/api/newsletters/{id}/cancel")
                .request(() -> MatrixRequest.post("/api/newsletters/" + scheduledNewsletterOfA() + "/cancel", null))
                .organisers(200, 404, 404);

        // Webhooks: organisers of the organisation only; another organisation's (and the admin's, who belongs
        // to another) are not found. Changes act on one endpoint of A made once; deleting, on a fresh one each.
        var hooks = "/api/organisations/" + a + "/webhooks";
        matrix.endpoint(POST, "/api/organisations/{organisationId}/webhooks")
                .request(() -> MatrixRequest.post(hooks, webhookBody()))
                .organisers(201, 404, 404);
        matrix.endpoint(GET, "/api/organisations/{organisationId}/webhooks")
                .request(() -> MatrixRequest.get(hooks))
                .organisers(200, 404, 404);
        matrix.endpoint(GET, "/api/organisations/{organisationId}/webhooks/{id}")
                .request(() -> MatrixRequest.get(hooks + "/" + webhookOfA()))
                .organisers(200, 404, 404);
        matrix.endpoint(PUT, "/api/organisations/{organisationId}/webhooks/{id}")
                .request(() -> MatrixRequest.put(
                        hooks + "/" + webhookOfA(),
                        Map.of(
                                "url",
                                "http://127.0.0.1:9/hook",
                                "eventTypes",
                                List.of("event.published"),
                                "personalDetails",
                                false,
                                "enabled",
                                true)))
                .organisers(200, 404, 404);
        matrix.endpoint(DELETE, "/api/organisations/{organisationId}/webhooks/{id}")
                .request(() -> MatrixRequest.delete(hooks + "/" + newWebhookOfA()))
                .organisers(204, 404, 404);
        matrix.endpoint(POST, "/api/organisations/{organisationId}/webhooks/{id}/secret")
                .request(() -> MatrixRequest.post(hooks + "/" + webhookOfA() + "/secret", null))
                .organisers(200, 404, 404);
        matrix.endpoint(GET, "/api/organisations/{organisationId}/webhooks/{id}/deliveries")
                .request(() -> MatrixRequest.get(hooks + "/" + webhookOfA() + "/deliveries"))
                .organisers(200, 404, 404);
        matrix.endpoint(GET, "/api/organisations/{organisationId}/webhooks/{id}/deliveries/{deliveryId}")
                .request(() -> MatrixRequest.get(hooks + "/" + webhookOfA() + "/deliveries/" + webhookDeliveryOfA()))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/organisations/{organisationId}/webhooks/{id}/deliveries/{deliveryId}/resend")
                .request(() -> MatrixRequest.post(
                        hooks + "/" + webhookOfA() + "/deliveries/" + webhookDeliveryOfA() + "/resend", null))
                .organisers(202, 404, 404);
        return matrix.tests();
    }

    private String webhookOfA;
    private String webhookDeliveryOfA;

    private static Map<String, Object> webhookBody() {
        // Port 9 (discard): nothing listens, so what the sender tries fails and stays in the log.
        return Map.of("url", "http://127.0.0.1:9/hook", "eventTypes", List.of("event.published"));
    }

    /** One endpoint of A for the rules that only read or change it (an organisation has at most 10). */
    private synchronized String webhookOfA() {
        if (webhookOfA == null) {
            webhookOfA = newWebhookOfA();
        }
        return webhookOfA;
    }

    private String newWebhookOfA() {
        var body = client.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestTokens.shared().organiserOf(a)))
                .build()
                .post()
                .uri("/api/organisations/" + a + "/webhooks")
                .bodyValue(webhookBody())
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).path("endpoint").path("id").asString();
    }

    /** A delivery of A's endpoint, straight into the store. */
    private synchronized String webhookDeliveryOfA() {
        if (webhookDeliveryOfA == null) {
            var endpoint = webhookOfA();
            var now = Instant.now();
            var delivery = new org.convene.notifications.webhook.domain.WebhookDelivery(
                    org.convene.notifications.webhook.domain.WebhookDelivery.idFor(
                            endpoint, UUID.randomUUID().toString()),
                    endpoint,
                    a,
                    UUID.randomUUID().toString(),
                    "event.published",
                    "event:" + UUID.randomUUID(),
                    1,
                    "{}",
                    org.convene.notifications.webhook.domain.WebhookDeliveryStatus.FAILED,
                    1,
                    500,
                    "http",
                    now,
                    null,
                    now,
                    UUID.randomUUID().toString(),
                    null,
                    now,
                    null);
            mongo.insert(delivery, "webhook_deliveries").block();
            webhookDeliveryOfA = delivery.id();
        }
        return webhookDeliveryOfA;
    }

    private static String fresh() {
        return "m-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static LinkedMultiValueMap<String, String> form(String name, String value) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add(name, value);
        return form;
    }

    /** A subscriber of organisation A, straight into the store; its private token. */
    private String subscriber(SubscriberStatus status) {
        var token = UUID.randomUUID().toString().replace("-", "") + "x";
        var now = Instant.now();
        mongo.insert(
                        new Subscriber(
                                fresh(),
                                a,
                                fresh() + "@example.org",
                                null,
                                Set.of("workshops"),
                                status,
                                token,
                                now,
                                status == SubscriberStatus.CONFIRMED ? now : null,
                                null,
                                now),
                        "subscribers")
                .block();
        return token;
    }

    private static Map<String, Object> draftBody() {
        return Map.of("subject", "News", "markdown", "Hello", "topics", List.of("workshops"));
    }

    private String newsletterOfA() {
        var body = client.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestTokens.shared().organiserOf(a)))
                .build()
                .post()
                .uri("/api/newsletters")
                .bodyValue(draftBody())
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).path("id").asString();
    }

    private String scheduledNewsletterOfA() {
        var id = newsletterOfA();
        client.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestTokens.shared().organiserOf(a)))
                .build()
                .post()
                .uri("/api/newsletters/" + id + "/schedule")
                .bodyValue(Map.of("sendAt", "2031-01-01T09:00:00Z"))
                .exchange()
                .expectStatus()
                .isAccepted();
        return id;
    }
}
