package org.convene.registrations.registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.registrations.registration.RegistrationFixtures.attendeeOf;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;

import java.util.List;
import java.util.Map;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationsApi;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fixtures' events belong to org-test; its organisers plan the room, nobody else sees a thing. */
@IntegrationTest
class OrganiserRegistrationsApiTests {

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    private final JsonMapper json = JsonMapper.builder().build();

    WebTestClient organiserOf(String organisation) {
        return new RegistrationsApi(client).organiserOf(organisation);
    }

    JsonNode register(String event, Map<String, Object> body) {
        return new RegistrationsApi(client).register(event, body);
    }

    JsonNode get(WebTestClient as, String path) {
        return RegistrationsApi.get(as, path);
    }

    @Test
    void summarisesWhatTheRoomNeedsForTheEventsOwnOrganisers() throws Exception {
        var event = publishedEvent(kafka, client, 4);
        var youngPerson = person("Young Person", 1);
        attendeeOf(youngPerson).put("ageBand", "AGE_16_TO_17");
        attendeeOf(youngPerson)
                .put("guardian", Map.of("name", "Parent", "contact", "parent@example.org", "consentGiven", true));
        register(event, youngPerson);
        var professional = person("Social Worker", 0);
        professional.put(
                "supportNeeds",
                Map.of("interpreter", "ar", "access", List.of("QUIET_SPACE"), "dietary", List.of("Halal")));
        register(event, professional);
        register(event, person("Waiting Person", 2));

        var summary = get(organiserOf("org-test"), "/api/events/" + event + "/registrations/summary");
        assertThat(summary.get("seatsConfirmed").asInt()).isEqualTo(3);
        assertThat(summary.get("registrationsWaitlisted").asInt()).isEqualTo(1);
        assertThat(summary.get("interpretersByLanguage").get("BSL").asInt()).isEqualTo(1);
        assertThat(summary.get("interpretersByLanguage").get("AR").asInt()).isEqualTo(1);
        assertThat(summary.get("companionsByKind").get("CARER").asInt()).isEqualTo(1);
        assertThat(summary.get("accessNeedsByKind").get("QUIET_SPACE").asInt()).isEqualTo(1);
        assertThat(summary.get("dietaryNeeds").get("halal").asInt()).isEqualTo(1);
        assertThat(summary.get("underEighteenWithConsent").asInt()).isEqualTo(1);

        var waitlist = get(organiserOf("org-test"), "/api/events/" + event + "/registrations?status=WAITLISTED");
        assertThat(waitlist.valueStream().map(r -> r.get("name").asString())).containsExactly("Waiting Person");
    }

    @Test
    void anotherOrganisationsOrganiserAndStrangersSeeNothing() throws Exception {
        var event = publishedEvent(kafka, client, 4);
        register(event, person("Private Person", 0));
        for (var path : List.of(
                "/api/events/" + event + "/registrations",
                "/api/events/" + event + "/registrations/summary",
                "/api/events/" + event + "/registrations/export.csv")) {
            organiserOf("org-other").get().uri(path).exchange().expectStatus().isNotFound();
            client.get().uri(path).exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void exportsAttendeesAsCsvWithoutLettingATypedFormulaRun() throws Exception {
        var event = publishedEvent(kafka, client, 4);
        var sneaky = person("Sneaky", 0);
        attendeeOf(sneaky).put("name", "=HYPERLINK(\"http://evil.example\",\"x\")");
        register(event, sneaky);
        var csv = organiserOf("org-test")
                .get()
                .uri("/api/events/" + event + "/registrations/export.csv")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/csv")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("name,email");
        assertThat(lines[1]).startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\"");
    }

    @Test
    void checksInConfirmedPeopleAndCountsThem() throws Exception {
        var event = publishedEvent(kafka, client, 1);
        var coming = register(event, person("Coming Person", 0));
        var waiting = register(event, person("Waiting Person", 0));
        organiserOf("org-test")
                .post()
                .uri("/api/registrations/" + coming.get("registrationId").asString() + "/check-in")
                .bodyValue(Map.of("attendance", "ATTENDED"))
                .exchange()
                .expectStatus()
                .isNoContent();
        organiserOf("org-test")
                .post()
                .uri("/api/registrations/" + waiting.get("registrationId").asString() + "/check-in")
                .bodyValue(Map.of("attendance", "ATTENDED"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
        organiserOf("org-other")
                .post()
                .uri("/api/registrations/" + coming.get("registrationId").asString() + "/check-in")
                .bodyValue(Map.of("attendance", "NO_SHOW"))
                .exchange()
                .expectStatus()
                .isNotFound();
        var summary = get(organiserOf("org-test"), "/api/events/" + event + "/registrations/summary");
        assertThat(summary.get("attended").asInt()).isEqualTo(1);
        assertThat(summary.get("noShows").asInt()).isZero();
        try (var recorder = org.convene.testing.TopicRecorder.record(org.convene.contracts.Topics.REGISTRATIONS)) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(recorder.withKey(event).stream()
                                    .map(received -> json.readTree(received.value())
                                            .get("type")
                                            .asString()))
                            .containsOnlyOnce("AttendeeCheckedIn"));
        }
    }

    @Test
    void anOrganiserCancelsARegistrationAndTheQueueIsServed() throws Exception {
        var event = publishedEvent(kafka, client, 1);
        var going = register(event, person("Told The Organiser", 0));
        var waiting = register(event, person("Hoping For A Seat", 0));
        var id = going.get("registrationId").asString();
        organiserOf("org-other")
                .post()
                .uri("/api/registrations/" + id + "/cancel")
                .exchange()
                .expectStatus()
                .isNotFound();
        organiserOf("org-test")
                .post()
                .uri("/api/registrations/" + id + "/cancel")
                .exchange()
                .expectStatus()
                .isNoContent();
        var waitingLink = RegistrationsApiTests.path(waiting);
        assertThat(get(client, waitingLink).get("status").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    void erasureRemovesThePersonKeepsTheCountsAndFreesTheSeats() throws Exception {
        var event = publishedEvent(kafka, client, 2);
        var byOrganiser = register(event, person("Erase Me", 1));
        var waiting = register(event, person("Next In Line", 0));
        organiserOf("org-test")
                .post()
                .uri("/api/registrations/" + byOrganiser.get("registrationId").asString() + "/erase")
                .exchange()
                .expectStatus()
                .isNoContent();
        var self = RegistrationsApiTests.path(waiting);

        var list = get(organiserOf("org-test"), "/api/events/" + event + "/registrations");
        assertThat(list.toString()).doesNotContain("Erase Me", "erase.me@example.org");
        assertThat(get(client, self).get("status").asString())
                .as("promoted into the freed seats")
                .isEqualTo("CONFIRMED");

        client.post().uri(self + "/erase").exchange().expectStatus().isNoContent();
        assertThat(get(client, self).get("attendeeName").asString()).isEqualTo("(erased)");
        assertThat(get(organiserOf("org-test"), "/api/events/" + event + "/registrations")
                        .toString())
                .doesNotContain("Next In Line");
    }

    @Test
    void erasureTellsTheOtherServicesByIdsOnly() throws Exception {
        var event = publishedEvent(kafka, client, 2);
        var registered = register(event, person("Forget Me", 0));
        try (var recorder = org.convene.testing.TopicRecorder.record(org.convene.contracts.Topics.REGISTRATIONS)) {
            client.post()
                    .uri(RegistrationsApiTests.path(registered) + "/erase")
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(recorder.withKey(event).stream()
                                    .map(received -> json.readTree(received.value()))
                                    .filter(message ->
                                            message.get("type").asString().equals("RegistrationErased")))
                            .singleElement()
                            .satisfies(erased -> {
                                assertThat(erased.get("registrationId").asString())
                                        .isEqualTo(
                                                registered.get("registrationId").asString());
                                assertThat(erased.toString()).doesNotContain("Forget Me", "forget.me@");
                            }));
        }
    }
}
