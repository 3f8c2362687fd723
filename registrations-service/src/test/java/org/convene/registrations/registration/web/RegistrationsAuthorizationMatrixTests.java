package org.convene.registrations.registration.web;

import static org.convene.registrations.registration.RegistrationFixtures.group;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.convene.contracts.events.EventMessage;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.convene.testing.authorization.AuthorizationMatrix;
import org.convene.testing.authorization.MatrixRequest;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what on registrations-service: registering and the private manage links are public;
 * everything about an event's attendees is for its own organisation's organisers, and to anyone
 * else the registrations do not exist. Each request acts on a fresh registration of organisation A.
 */
@IntegrationTest
class RegistrationsAuthorizationMatrixTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String a = "org-a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String b = "org-b-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ApplicationContext context;

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersEachCallerAsItShould() throws Exception {
        var event = publishedEvent(kafka, client, 1_000, a);
        var matrix = AuthorizationMatrix.of(context, client, TestTokens.shared().callers(a, b));
        matrix.endpoint(GET, "/v3/api-docs")
                .request(() -> MatrixRequest.get("/v3/api-docs"))
                .publicWith(200);
        matrix.endpoint(GET, "/v3/api-docs.yaml")
                .request(() -> MatrixRequest.get("/v3/api-docs.yaml"))
                .publicWith(200);

        matrix.endpoint(POST, "/api/events/{eventId}/registrations")
                .request(() -> MatrixRequest.post("/api/events/" + event + "/registrations", newPerson()))
                .publicWith(201);
        matrix.endpoint(GET, "/api/events/{eventId}/availability")
                .request(() -> MatrixRequest.get("/api/events/" + event + "/availability"))
                .publicWith(200);
        // Public like each event's own availability (the list page shows seats to everyone): this needs
        // config/SecurityConfiguration to permit GET /api/events/availability.
        matrix.endpoint(GET, "/api/events/availability")
                .request(() -> MatrixRequest.get("/api/events/availability?ids=" + event))
                .publicWith(200);
        matrix.endpoint(GET, "/api/registrations/manage/{token}")
                .request(() -> MatrixRequest.get(manageLink(register(event))))
                .publicWith(200);
        matrix.endpoint(POST, "/api/registrations/manage/{token}/cancel")
                .request(() -> MatrixRequest.post(manageLink(register(event)) + "/cancel", null))
                .publicWith(200);
        matrix.endpoint(PUT, "/api/registrations/manage/{token}/support-needs")
                .request(() -> MatrixRequest.put(
                        manageLink(register(event)) + "/support-needs",
                        Map.of("interpreter", "BSL", "access", List.of("QUIET_SPACE"))))
                .publicWith(200);
        matrix.endpoint(PUT, "/api/registrations/manage/{token}/reading")
                .request(() -> MatrixRequest.put(
                        manageLink(register(event)) + "/reading", Map.of("language", "cy", "easyRead", true)))
                .publicWith(200);
        matrix.endpoint(POST, "/api/registrations/manage/{token}/group/members")
                .request(() -> MatrixRequest.post(
                        manageLink(registerGroup(event)) + "/group/members",
                        Map.of("name", "One More", "ageBand", "AGE_18_TO_25")))
                .publicWith(200);
        matrix.endpoint(DELETE, "/api/registrations/manage/{token}/group/members/{memberId}")
                .request(() -> {
                    var booked = registerGroup(event);
                    return MatrixRequest.delete(manageLink(booked) + "/group/members/"
                            + booked.path("group")
                                    .path("members")
                                    .get(0)
                                    .path("memberId")
                                    .asString());
                })
                .publicWith(200);
        matrix.endpoint(PUT, "/api/registrations/manage/{token}/group/members/{memberId}/support-needs")
                .request(() -> {
                    var booked = registerGroup(event);
                    return MatrixRequest.put(
                            manageLink(booked) + "/group/members/"
                                    + booked.path("group")
                                            .path("members")
                                            .get(0)
                                            .path("memberId")
                                            .asString() + "/support-needs",
                            Map.of("access", List.of("QUIET_SPACE")));
                })
                .publicWith(200);
        matrix.endpoint(POST, "/api/registrations/manage/{token}/erase")
                .request(() -> MatrixRequest.post(manageLink(register(event)) + "/erase", null))
                .publicWith(204);

        matrix.endpoint(GET, "/api/events/{eventId}/registrations")
                .request(() -> MatrixRequest.get("/api/events/" + event + "/registrations"))
                .organisers(200, 404, 404);
        matrix.endpoint(GET, "/api/events/{eventId}/registrations/summary")
                .request(() -> MatrixRequest.get("/api/events/" + event + "/registrations/summary"))
                .organisers(200, 404, 404);
        matrix.endpoint(GET, "/api/events/{eventId}/registrations/export.csv")
                .request(() -> MatrixRequest.get("/api/events/" + event + "/registrations/export.csv"))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/registrations/{registrationId}/check-in")
                .request(() -> MatrixRequest.post(
                        "/api/registrations/" + id(register(event)) + "/check-in", Map.of("attendance", "ATTENDED")))
                .organisers(204, 404, 404);
        matrix.endpoint(POST, "/api/events/{eventId}/check-in")
                .request(() -> MatrixRequest.post(
                        "/api/events/" + event + "/check-in",
                        Map.of("code", register(event).path("checkInCode").asString(), "attendance", "ATTENDED")))
                .organisers(200, 404, 404);
        // The organiser's own answer is the domain's refusal (this group is confirmed, not waiting): access
        // is what the matrix proves; GroupRegistrationsApiTests accepts part of a waiting group.
        matrix.endpoint(POST, "/api/registrations/{registrationId}/accept-part")
                .request(() -> {
                    var booked = registerGroup(event);
                    return MatrixRequest.post(
                            "/api/registrations/" + id(booked) + "/accept-part",
                            Map.of(
                                    "memberIds",
                                    List.of(booked.path("group")
                                            .path("members")
                                            .get(0)
                                            .path("memberId")
                                            .asString())));
                })
                .organisers(409, 404, 404);
        matrix.endpoint(POST, "/api/registrations/{registrationId}/cancel")
                .request(() -> MatrixRequest.post("/api/registrations/" + id(register(event)) + "/cancel", null))
                .organisers(204, 404, 404);
        matrix.endpoint(POST, "/api/registrations/{registrationId}/erase")
                .request(() -> MatrixRequest.post("/api/registrations/" + id(register(event)) + "/erase", null))
                .organisers(204, 404, 404);
        matrix.endpoint(POST, "/api/registrations/{registrationId}/members/{memberId}/erase")
                .request(() -> {
                    var booked = registerGroup(event);
                    return MatrixRequest.post(
                            "/api/registrations/" + id(booked) + "/members/"
                                    + booked.path("group")
                                            .path("members")
                                            .get(0)
                                            .path("memberId")
                                            .asString() + "/erase",
                            null);
                })
                .organisers(204, 404, 404);
        matrix.endpoint(GET, "/api/registrations/manage/{token}/arranged")
                .request(() -> MatrixRequest.get(manageLink(register(event)) + "/arranged"))
                .publicWith(200);
        matrix.endpoint(GET, "/api/events/{eventId}/support-plan")
                .request(() -> MatrixRequest.get("/api/events/" + event + "/support-plan"))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/events/{eventId}/support-plan/arrangements")
                .request(() -> {
                    register(event);
                    return MatrixRequest.post(
                            "/api/events/" + event + "/support-plan/arrangements",
                            Map.of("need", "INTERPRETER_BSL", "note", "Booked"));
                })
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/events/{eventId}/support-plan/arrangements/withdraw")
                .request(() -> MatrixRequest.post(
                        "/api/events/" + event + "/support-plan/arrangements/withdraw",
                        Map.of("need", "INTERPRETER_BSL")))
                .organisers(200, 404, 404);
        matrix.endpoint(PUT, "/api/events/{eventId}/support-plan/deadline")
                .request(() ->
                        MatrixRequest.put("/api/events/" + event + "/support-plan/deadline", Map.of("daysBefore", 5)))
                .organisers(200, 404, 404);
        return matrix.tests();
    }

    private JsonNode register(String event) {
        return register(event, newPerson());
    }

    /** A worker with two young people, so one can be taken off. */
    private JsonNode registerGroup(String event) {
        return register(event, group("Worker " + UUID.randomUUID().toString().substring(0, 8), 2));
    }

    private JsonNode register(String event, Map<String, Object> person) {
        var body = client.post()
                .uri("/api/events/" + event + "/registrations")
                .bodyValue(person)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    private static String manageLink(JsonNode registration) {
        return "/api/registrations"
                + URI.create(registration.path("manageLink").asString()).getPath();
    }

    private static String id(JsonNode registration) {
        return registration.path("registrationId").asString();
    }

    private static Map<String, Object> newPerson() {
        return person("Person " + UUID.randomUUID().toString().substring(0, 8), 0);
    }
}
