package org.convene.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessageType;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.notifications.Messages;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.event.domain.Events;
import org.convene.support.PeriodicTask;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * From facts on the real broker to a real HTTP receiver: signed as documented, retried after 5xx, in
 * order per aggregate, 410 disabling the endpoint, personal details only when opted in, one delivery per
 * fact however often it arrives, and pending deliveries still sent after the sender stopped and started.
 */
@IntegrationTest
class WebhookDeliveryTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2027-05-10T10:00:00Z");

    @Autowired
    WebTestClient client;

    @Autowired
    Events views;

    @Autowired
    @Qualifier("webhookSending")
    PeriodicTask sending;

    private final String organisation = "org-wh-" + UUID.randomUUID().toString().substring(0, 8);
    private final Receiver receiver = newReceiver();

    @AfterEach
    void close() {
        receiver.close();
        if (!sending.isRunning()) {
            sending.start();
        }
    }

    @Test
    void aDeliveryIsSignedAsTheStandardWebhooksSpecificationSaysAndCarriesNoPersonalDetailsUnlessAskedFor()
            throws Exception {
        var endpoint = create("/hook", List.of("event.published", "registration.confirmed"), false);
        var eventId = UUID.randomUUID().toString();
        try (var messages = new Messages()) {
            messages.event(eventId, organisation, START);
            awaitView(eventId);
            var confirmed = messages.confirmed(eventId, "jordan-" + eventId + "@example.org");
            messages.send(Topics.REGISTRATIONS, eventId, confirmed);
            messages.send(Topics.REGISTRATIONS, eventId, confirmed);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() >= 2);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> receiver.received().size() == 2);
            for (var request : receiver.received()) {
                var id = request.header("webhook-id");
                var timestamp = request.header("webhook-timestamp");
                assertThat(id).startsWith("msg_");
                assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond()))
                        .isLessThan(60);
                assertThat(request.header("webhook-signature"))
                        .isEqualTo("v1," + hmac(endpoint.secret(), id + "." + timestamp + "." + request.body()));
                assertThat(request.header("content-type")).startsWith("application/json");
            }
            var registration = body(receiver.received().stream()
                    .filter(request -> request.body().contains("registration.confirmed"))
                    .findFirst()
                    .orElseThrow());
            assertThat(registration.path("type").asString()).isEqualTo("registration.confirmed");
            assertThat(registration.path("organisationId").asString()).isEqualTo(organisation);
            assertThat(registration.path("data").path("registrationId").asString())
                    .isEqualTo(confirmed.registrationId());
            assertThat(registration.path("data").path("seats").asInt()).isEqualTo(2);
            assertThat(registration.path("data").has("person")).isFalse();
            assertThat(registration.toString()).doesNotContain("jordan-", "Jordan", "INTERPRETER_BSL", "token-");
        }
    }

    @Test
    void anEndpointThatOptedInGetsThePersonsDetailsUnderPerson() throws Exception {
        create("/personal", List.of("registration.confirmed"), true);
        var eventId = UUID.randomUUID().toString();
        try (var messages = new Messages()) {
            messages.event(eventId, organisation, START);
            awaitView(eventId);
            messages.send(
                    Topics.REGISTRATIONS, eventId, messages.confirmed(eventId, "sam-" + eventId + "@example.org"));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.at("/personal").size() == 1);
            var person = body(receiver.at("/personal").getFirst()).path("data").path("person");
            assertThat(person.path("email").asString()).isEqualTo("sam-" + eventId + "@example.org");
            assertThat(person.path("name").asString()).isEqualTo("Jordan");
            assertThat(person.path("supportRequested").get(0).asString()).isEqualTo("INTERPRETER_BSL");
        }
    }

    @Test
    void aDeliveryAnswered500IsTriedAgainUntilItIsAcceptedWithTheSameId() throws Exception {
        var calls = new AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() <= 2 ? 500 : 204);
        var endpoint = create("/flaky", List.of("event.published"), false);
        var eventId = UUID.randomUUID().toString();
        try (var messages = new Messages()) {
            messages.event(eventId, organisation, START);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.at("/flaky").size() == 3);
            var ids = receiver.at("/flaky").stream()
                    .map(request -> request.header("webhook-id"))
                    .distinct()
                    .toList();
            assertThat(ids).hasSize(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var log = deliveries(endpoint.id());
                assertThat(log).hasSize(1);
                assertThat(log.get(0).path("status").asString()).isEqualTo("DELIVERED");
                assertThat(log.get(0).path("attempts").asInt()).isEqualTo(3);
                assertThat(log.get(0).path("lastStatusCode").asInt()).isEqualTo(204);
            });
        }
    }

    @Test
    void aLaterFactAboutTheSameEventWaitsUntilTheEarlierOneIsDelivered() throws Exception {
        var published = new AtomicInteger();
        receiver.answer(request ->
                request.body().contains("\"event.published\"") && published.incrementAndGet() <= 3 ? 503 : 200);
        create("/ordered", List.of("event.published", "event.rescheduled", "event.cancelled"), false);
        var eventId = UUID.randomUUID().toString();
        try (var messages = new Messages()) {
            var event = messages.event(eventId, organisation, START);
            messages.send(
                    Topics.EVENTS,
                    eventId,
                    Messages.changed(event, EventMessageType.EventRescheduled, 3, START.plusSeconds(3600), null));
            messages.send(
                    Topics.EVENTS,
                    eventId,
                    Messages.changed(event, EventMessageType.EventCancelled, 4, START.plusSeconds(3600), "Snow"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.at("/ordered").stream()
                            .anyMatch(request -> request.body().contains("event.cancelled")));
            var types = receiver.at("/ordered").stream()
                    .map(request -> body(request).path("type").asString())
                    .toList();
            assertThat(types)
                    .containsExactly(
                            "event.published",
                            "event.published",
                            "event.published",
                            "event.published",
                            "event.rescheduled",
                            "event.cancelled");
        }
    }

    @Test
    void anEndpointAnswering410IsDisabledAndGetsNothingMore() throws Exception {
        receiver.answer(request -> 410);
        var endpoint = create("/gone", List.of("event.published", "event.rescheduled"), false);
        var eventId = UUID.randomUUID().toString();
        try (var messages = new Messages()) {
            var event = messages.event(eventId, organisation, START);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.at("/gone").size() == 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !get(endpoint.id()).path("enabled").asBoolean());
            assertThat(get(endpoint.id()).path("disabledReason").asString()).isEqualTo("gone");
            messages.send(
                    Topics.EVENTS,
                    eventId,
                    Messages.changed(event, EventMessageType.EventRescheduled, 3, START.plusSeconds(60), null));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.at("/gone").size() == 1);
            var log = deliveries(endpoint.id());
            assertThat(log).hasSize(1);
            assertThat(log.get(0).path("status").asString()).isEqualTo("FAILED");
            assertThat(log.get(0).path("lastStatusCode").asInt()).isEqualTo(410);
        }
    }

    @Test
    void deliveriesWaitingWhileTheSenderIsStoppedAreSentWhenItStartsAgain() throws Exception {
        create("/restart", List.of("registration.confirmed", "registration.cancelled"), false);
        var eventId = UUID.randomUUID().toString();
        try (var messages = new Messages()) {
            messages.event(eventId, organisation, START);
            awaitView(eventId);
            sending.stop();
            var confirmed = messages.confirmed(eventId, "kim-" + eventId + "@example.org");
            messages.send(Topics.REGISTRATIONS, eventId, confirmed);
            messages.send(
                    Topics.REGISTRATIONS,
                    eventId,
                    Messages.next(
                            confirmed,
                            RegistrationMessageType.RegistrationCancelled,
                            org.convene.contracts.registrations.RegistrationMessage.Status.CANCELLED,
                            2,
                            Instant.now()));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.at("/restart").isEmpty());

            sending.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.at("/restart").size() == 2);
            assertThat(receiver.at("/restart").stream()
                            .map(request -> body(request).path("type").asString()))
                    .containsExactly("registration.confirmed", "registration.cancelled");
        }
    }

    @Test
    void sendAgainDeliversTheSameDeliveryOnceMoreWithItsId() throws Exception {
        var endpoint = create("/again", List.of("event.published"), false);
        var eventId = UUID.randomUUID().toString();
        try (var messages = new Messages()) {
            messages.event(eventId, organisation, START);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.at("/again").size() == 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> deliveries(endpoint.id())
                            .get(0)
                            .path("status")
                            .asString()
                            .equals("DELIVERED"));
            var delivery = deliveries(endpoint.id()).get(0).path("id").asString();

            organiser()
                    .post()
                    .uri(base() + "/" + endpoint.id() + "/deliveries/" + delivery + "/resend")
                    .exchange()
                    .expectStatus()
                    .isAccepted();

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> receiver.at("/again").size() == 2);
            assertThat(receiver.at("/again").get(1).header("webhook-id")).isEqualTo(delivery);
            assertThat(receiver.at("/again").get(1).body())
                    .isEqualTo(receiver.at("/again").get(0).body());
        }
    }

    record Created(String id, String secret) {}

    private Created create(String path, List<String> types, boolean personal) {
        var body = organiser()
                .post()
                .uri(base())
                .bodyValue(Map.of("url", receiver.url(path), "eventTypes", types, "personalDetails", personal))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var json = JSON.readTree(body);
        return new Created(
                json.path("endpoint").path("id").asString(), json.path("secret").asString());
    }

    private JsonNode get(String id) {
        return JSON.readTree(organiser()
                .get()
                .uri(base() + "/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private JsonNode deliveries(String endpointId) {
        return JSON.readTree(organiser()
                .get()
                .uri(base() + "/" + endpointId + "/deliveries")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private String base() {
        return "/api/organisations/" + organisation + "/webhooks";
    }

    private WebTestClient organiser() {
        return client.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestTokens.shared().organiserOf(organisation)))
                .build();
    }

    private void awaitView(String eventId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> views.find(new EventId(eventId)).block() != null);
    }

    private static JsonNode body(Receiver.Received request) {
        return JSON.readTree(request.body());
    }

    private static String hmac(String secret, String content) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static Receiver newReceiver() {
        try {
            return new Receiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
