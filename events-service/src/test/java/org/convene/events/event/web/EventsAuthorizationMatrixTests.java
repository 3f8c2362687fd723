package org.convene.events.event.web;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.convene.testing.authorization.AuthorizationMatrix;
import org.convene.testing.authorization.MatrixRequest;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what on events-service: every endpoint it maps, for every kind of caller. Requests
 * that change something act on a fresh event of organisation A each time. An organiser of another
 * organisation (or an admin, who manages organisations, not their events) finds A's events do not
 * exist; only organisation records themselves answer 403.
 */
@IntegrationTest
class EventsAuthorizationMatrixTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String a = "org-a-" + UUID.randomUUID().toString().substring(0, 8);
    private final String b = "org-b-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    ApplicationContext context;

    @Autowired
    WebTestClient client;

    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersEachCallerAsItShould() {
        var tokens = TestTokens.shared();
        registerOrganisation(a);
        var published = publishedEvent();
        var matrix = AuthorizationMatrix.of(context, client, tokens.callers(a, b));
        matrix.endpoint(GET, "/v3/api-docs")
                .request(() -> MatrixRequest.get("/v3/api-docs"))
                .publicWith(200);
        matrix.endpoint(GET, "/v3/api-docs.yaml")
                .request(() -> MatrixRequest.get("/v3/api-docs.yaml"))
                .publicWith(200);

        matrix.endpoint(GET, "/api/events")
                .request(() -> MatrixRequest.get("/api/events"))
                .publicWith(200);
        matrix.endpoint(GET, "/api/events/{id}")
                .request(() -> MatrixRequest.get("/api/events/" + published))
                .publicWith(200);
        matrix.endpoint(GET, "/api/events/{id}/calendar.ics")
                .request(() -> MatrixRequest.get("/api/events/" + published + "/calendar.ics"))
                .publicWith(200);

        matrix.endpoint(POST, "/api/events")
                .request(() -> MatrixRequest.post("/api/events", EventRequestBodies.workshop("New workshop")))
                // Every organiser creates events for their own organisation, whichever it is.
                .organisers(201, 201, 201);
        matrix.endpoint(PUT, "/api/events/{id}")
                .request(() -> MatrixRequest.put("/api/events/" + draft(), EventRequestBodies.workshop("Renamed")))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/events/{id}/publish")
                .request(() -> MatrixRequest.post("/api/events/" + draft() + "/publish", null))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/events/{id}/reschedule")
                .request(() -> MatrixRequest.post(
                        "/api/events/" + publishedEvent() + "/reschedule",
                        Map.of(
                                "startsAt", EventRequestBodies.inDays(20, 10),
                                "endsAt", EventRequestBodies.inDays(20, 12),
                                "timeZone", "Europe/London")))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/events/{id}/capacity")
                .request(() ->
                        MatrixRequest.post("/api/events/" + publishedEvent() + "/capacity", Map.of("capacity", 50)))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/events/{id}/cancel")
                .request(() -> MatrixRequest.post(
                        "/api/events/" + publishedEvent() + "/cancel", Map.of("reason", "The venue flooded.")))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/events/{id}/complete")
                .request(() -> MatrixRequest.post("/api/events/" + publishedEvent() + "/complete", null))
                // The owner is let in and refused only by the event's state: it has not happened yet.
                .organisers(409, 404, 404);
        matrix.endpoint(POST, "/api/events/{id}/duplicate")
                .request(() -> MatrixRequest.post("/api/events/" + draft() + "/duplicate", null))
                .organisers(201, 404, 404);
        matrix.endpoint(POST, "/api/events/{id}/series")
                .request(() -> MatrixRequest.post(
                        "/api/events/" + draft() + "/series", Map.of("frequency", "WEEKLY", "count", 2)))
                .organisers(201, 404, 404);

        matrix.endpoint(POST, "/api/events/{id}/invitations")
                .request(() -> MatrixRequest.post(
                        "/api/events/" + publishedEvent() + "/invitations",
                        Map.of("partner", "Rutland County Council", "seatsHeld", 2)))
                .organisers(201, 404, 404);
        matrix.endpoint(GET, "/api/events/{id}/invitations")
                .request(() -> MatrixRequest.get("/api/events/" + published + "/invitations"))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/events/{id}/invitations/{invitationId}/revoke")
                .request(() -> {
                    var event = publishedEvent();
                    return MatrixRequest.post(
                            "/api/events/" + event + "/invitations/" + invitation(event) + "/revoke", null);
                })
                .organisers(200, 404, 404);

        matrix.endpoint(GET, "/api/organisations/{organisationId}/events")
                .request(() -> MatrixRequest.get("/api/organisations/" + a + "/events"))
                .organisers(200, 403, 403);
        matrix.endpoint(POST, "/api/organisations")
                .request(() -> MatrixRequest.post("/api/organisations", newOrganisation()))
                .organisers(403, 403, 201);
        matrix.endpoint(GET, "/api/organisations/{id}")
                .request(() -> MatrixRequest.get("/api/organisations/" + a))
                .organisers(200, 403, 200);
        matrix.endpoint(PUT, "/api/organisations/{id}")
                .request(() -> MatrixRequest.put(
                        "/api/organisations/" + a,
                        Map.of("name", "Voices of Care", "contactEmail", "hello@example.org")))
                .organisers(200, 403, 200);

        // An organisation's offerings (ADR 14): anyone reads them, for its booking request form; they are changed
        // as its other details are (another organisation's organisers 403, admins too).
        matrix.endpoint(GET, "/api/organisations/{id}/offerings")
                .request(() -> MatrixRequest.get("/api/organisations/" + a + "/offerings"))
                .publicWith(200);
        // An organisation's calendar feed: its public events, for anyone's calendar app.
        matrix.endpoint(GET, "/api/organisations/{id}/events.ics")
                .request(() -> MatrixRequest.get("/api/organisations/" + a + "/events.ics"))
                .publicWith(200);
        matrix.endpoint(PUT, "/api/organisations/{id}/offerings")
                .request(() -> MatrixRequest.put(
                        "/api/organisations/" + a + "/offerings",
                        Map.of("offerings", List.of(Map.of("name", "Young carers awareness", "kind", "TRAINING")))))
                .organisers(200, 403, 200);

        // Booking requests (ADR 14): anyone sends one; only the organisation's organisers see or change them, and
        // for everyone else (another organisation's organisers, admins) they do not exist.
        var requests = "/api/organisations/" + a + "/booking-requests";
        matrix.endpoint(POST, "/api/organisations/{organisationId}/booking-requests")
                .request(() -> MatrixRequest.post(requests, bookingRequestForm("Sam " + UUID.randomUUID())))
                .publicWith(202);
        matrix.endpoint(GET, "/api/organisations/{organisationId}/booking-requests")
                .request(() -> MatrixRequest.get(requests + "?status=NEW"))
                .organisers(200, 404, 404);
        matrix.endpoint(GET, "/api/organisations/{organisationId}/booking-requests/{id}")
                .request(() -> MatrixRequest.get(requests + "/" + bookingRequest()))
                .organisers(200, 404, 404);
        matrix.endpoint(GET, "/api/organisations/{organisationId}/booking-requests/{id}/export")
                .request(() -> MatrixRequest.get(requests + "/" + bookingRequest() + "/export"))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/organisations/{organisationId}/booking-requests/{id}/discuss")
                .request(() -> MatrixRequest.post(requests + "/" + bookingRequest() + "/discuss", null))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/organisations/{organisationId}/booking-requests/{id}/decline")
                .request(() -> MatrixRequest.post(requests + "/" + bookingRequest() + "/decline", null))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/organisations/{organisationId}/booking-requests/{id}/notes")
                .request(() -> MatrixRequest.post(
                        requests + "/" + bookingRequest() + "/notes", Map.of("text", "Call them on Monday.")))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/organisations/{organisationId}/booking-requests/{id}/replies")
                .request(() -> MatrixRequest.post(
                        requests + "/" + bookingRequest() + "/replies", Map.of("text", "Yes, we can come.")))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/organisations/{organisationId}/booking-requests/{id}/accept")
                .request(() -> MatrixRequest.post(requests + "/" + bookingRequest() + "/accept", null))
                .organisers(200, 404, 404);
        matrix.endpoint(POST, "/api/organisations/{organisationId}/booking-requests/{id}/erase")
                .request(() -> MatrixRequest.post(requests + "/" + bookingRequest() + "/erase", null))
                .organisers(200, 404, 404);
        return matrix.tests();
    }

    private static Map<String, Object> bookingRequestForm(String name) {
        return Map.of(
                "kind",
                "TRAINING",
                "requester",
                Map.of(
                        "organisation",
                        "Rutland County Council",
                        "name",
                        name,
                        "email",
                        "sam-" + UUID.randomUUID() + "@rutland.example"),
                "flexible",
                true,
                "online",
                true,
                "audienceSize",
                20,
                "audience",
                "CARERS");
    }

    /** A new request to organisation A, found in its inbox by its requester's unique name. */
    private String bookingRequest() {
        var name = "Sam " + UUID.randomUUID();
        client.post()
                .uri("/api/organisations/" + a + "/booking-requests")
                .bodyValue(bookingRequestForm(name))
                .exchange()
                .expectStatus()
                .isAccepted();
        var inbox = as(TestTokens.shared().organiserOf(a))
                .get()
                .uri("/api/organisations/" + a + "/booking-requests")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        for (var request : JSON.readTree(inbox)) {
            if (request.path("contactName").asString().equals(name)) {
                return request.path("id").asString();
            }
        }
        throw new AssertionError("The request just sent is not in the inbox");
    }

    private String draft() {
        var body = as(TestTokens.shared().organiserOf(a))
                .post()
                .uri("/api/events")
                .bodyValue(EventRequestBodies.workshop("Workshop of A"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).path("id").asString();
    }

    private String publishedEvent() {
        var id = draft();
        as(TestTokens.shared().organiserOf(a))
                .post()
                .uri("/api/events/" + id + "/publish")
                .exchange()
                .expectStatus()
                .isOk();
        return id;
    }

    private String invitation(String event) {
        var body = as(TestTokens.shared().organiserOf(a))
                .post()
                .uri("/api/events/" + event + "/invitations")
                .bodyValue(Map.of("partner", "Leeds Youth Service"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body).path("id").asString();
    }

    private void registerOrganisation(String id) {
        as(TestTokens.shared().adminOf("convene-admins"))
                .post()
                .uri("/api/organisations")
                .bodyValue(Map.of("id", id, "name", "Organisation " + id, "contactEmail", "team@example.org"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static Map<String, Object> newOrganisation() {
        var id = "org-" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of("id", id, "name", "Organisation " + id, "contactEmail", "team@example.org");
    }

    private WebTestClient as(String token) {
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }
}
