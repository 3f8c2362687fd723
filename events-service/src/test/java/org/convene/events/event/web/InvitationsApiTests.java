package org.convene.events.event.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.events.event.web.EventRequestBodies.inDays;
import static org.convene.events.event.web.EventRequestBodies.workshop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invitations (ADR 13) through the API: organisers make, list and revoke them; an invite-only event
 * exists for the public only with a valid code; codes travel on convene.events.v1 only as hashes.
 * Shares {@link EventsApiTests}' application context (same {@link IntegrationTest} properties).
 */
@IntegrationTest
class InvitationsApiTests {

    static TopicRecorder announcements;

    @Autowired
    WebTestClient client;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void listen() {
        announcements = TopicRecorder.record(Topics.EVENTS);
    }

    @AfterAll
    static void stopListening() throws InterruptedException {
        announcements.close();
    }

    WebTestClient as(String organisation) {
        var token = TestTokens.shared().organiserOf(organisation);
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    JsonNode body(WebTestClient.ResponseSpec spec) {
        return json.readTree(spec.expectBody(String.class).returnResult().getResponseBody());
    }

    /** A published event of the organisation, at version 2. */
    String publishedEvent(String title, String visibility) {
        var request = workshop(title);
        request.put("visibility", visibility);
        var id = body(as(org).post()
                        .uri("/api/events")
                        .bodyValue(request)
                        .exchange()
                        .expectStatus()
                        .isCreated())
                .get("id")
                .asString();
        as(org).post()
                .uri("/api/events/" + id + "/publish")
                .exchange()
                .expectStatus()
                .isOk();
        return id;
    }

    JsonNode invite(String eventId, Map<String, Object> body) {
        return body(as(org).post()
                .uri("/api/events/" + eventId + "/invitations")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated());
    }

    JsonNode invitations(String eventId) {
        return body(as(org).get()
                .uri("/api/events/" + eventId + "/invitations")
                .exchange()
                .expectStatus()
                .isOk());
    }

    @Test
    void anOrganiserMakesListsAndRevokesInvitations() {
        var id = publishedEvent("Partner session", "INVITE_ONLY");
        var release = inDays(7, 17) + "Z";
        var made = body(as(org).post()
                .uri("/api/events/" + id + "/invitations")
                .header(HttpHeaders.IF_MATCH, "\"2\"")
                .bodyValue(Map.of("partner", "Rutland County Council", "seatsHeld", 4, "releaseAt", release))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .location("/api/events/" + id + "/invitations")
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"3\""));
        assertThat(made.propertyNames())
                .containsExactlyInAnyOrder("id", "partner", "code", "seatsHeld", "releaseAt", "createdAt", "revoked");
        assertThat(made.get("id").asString()).matches("[0-9a-z]{8,12}");
        assertThat(made.get("code").asString()).matches("[A-Za-z0-9_-]{22}");
        assertThat(made.get("partner").asString()).isEqualTo("Rutland County Council");
        assertThat(made.get("seatsHeld").asInt()).isEqualTo(4);
        assertThat(OffsetDateTime.parse(made.get("releaseAt").asString()).toInstant())
                .isEqualTo(Instant.parse(release));
        assertThat(made.get("revoked").asBoolean()).isFalse();
        var second = invite(id, Map.of("partner", "Kirklees Youth Service"));
        assertThat(second.get("seatsHeld").asInt()).isZero();
        assertThat(second.get("releaseAt").isNull()).isTrue();

        var listed = invitations(id);
        assertThat(listed.valueStream().map(i -> i.get("id").asString()))
                .containsExactly(made.get("id").asString(), second.get("id").asString());
        assertThat(listed.get(0)).isEqualTo(made);

        var revoke = "/api/events/" + id + "/invitations/" + made.get("id").asString() + "/revoke";
        var revoked = body(as(org).post()
                .uri(revoke)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"5\""));
        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        assertThat(revoked.get("code").asString()).isEqualTo(made.get("code").asString());
        // Again: nothing changes, the same answer.
        as(org).post()
                .uri(revoke)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"5\"")
                .expectBody()
                .jsonPath("$.revoked")
                .isEqualTo(true);
        as(org).post()
                .uri("/api/events/" + id + "/invitations/nosuchone/revoke")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://convene.dev/problems/not-found");

        var ownView = body(
                as(org).get().uri("/api/events/" + id).exchange().expectStatus().isOk());
        assertThat(ownView.get("visibility").asString()).isEqualTo("INVITE_ONLY");
        assertThat(ownView.get("invitations")).isEqualTo(invitations(id));
        assertThat(ownView.get("invitations").get(0).get("revoked").asBoolean()).isTrue();
    }

    @Test
    void anInviteOnlyEventExistsForThePublicOnlyWithTheCodeOfAnInvitationNotRevoked() {
        var id = publishedEvent("Closed partner session", "INVITE_ONLY");
        var kept = invite(id, Map.of("partner", "Rutland County Council", "seatsHeld", 3));
        var revoked = invite(id, Map.of("partner", "Kirklees Youth Service"));
        as(org).post()
                .uri("/api/events/" + id + "/invitations/" + revoked.get("id").asString() + "/revoke")
                .exchange()
                .expectStatus()
                .isOk();
        var code = kept.get("code").asString();

        var missing = UUID.randomUUID().toString();
        var nothing = notFound("/api/events/" + missing).replace(missing, "{id}");
        for (var attempt : List.of(
                "",
                "?invitation=",
                "?invitation=" + code + "x",
                "?invitation=" + revoked.get("code").asString())) {
            assertThat(notFound("/api/events/" + id + attempt).replace(id, "{id}"))
                    .as(attempt)
                    .isEqualTo(nothing);
            client.get()
                    .uri("/api/events/" + id + "/calendar.ics" + attempt)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
        // Another organisation's organiser is the public here.
        as("org-other-" + UUID.randomUUID())
                .get()
                .uri("/api/events/" + id)
                .exchange()
                .expectStatus()
                .isNotFound();

        var seen = body(client.get()
                .uri(uri -> uri.path("/api/events/" + id)
                        .queryParam("invitation", code)
                        .build())
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(seen.get("id").asString()).isEqualTo(id);
        assertThat(seen.has("invitations")).isFalse();
        assertThat(seen.toString())
                .doesNotContain(code, revoked.get("code").asString(), "Rutland", "Kirklees", "INVITE_ONLY");
        var ics = client.get()
                .uri(uri -> uri.path("/api/events/" + id + "/calendar.ics")
                        .queryParam("invitation", code)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(ics).contains("Closed partner session").doesNotContain(code, "Rutland");
        // Its own organisers need no code, for the calendar entry too.
        as(org).get().uri("/api/events/" + id).exchange().expectStatus().isOk();
        as(org).get()
                .uri("/api/events/" + id + "/calendar.ics")
                .exchange()
                .expectStatus()
                .isOk();

        var listing = client.get()
                .uri(uri -> uri.path("/api/events")
                        .queryParam("organisation", org)
                        .queryParam("limit", 100)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(listing).doesNotContain(id);
    }

    @Test
    void aPublicEventsInvitationsAreNeverShownAndItsInvitationParameterChangesNothing() {
        var id = publishedEvent("Open session with places held", "PUBLIC");
        var invitation = invite(id, Map.of("partner", "Rutland County Council", "seatsHeld", 5));
        var code = invitation.get("code").asString();
        for (var query : List.of("", "?invitation=nonsense", "?invitation=" + code)) {
            var seen = body(client.get()
                    .uri("/api/events/" + id + query)
                    .exchange()
                    .expectStatus()
                    .isOk());
            assertThat(seen.has("invitations")).isFalse();
            assertThat(seen.toString()).doesNotContain(code, "Rutland");
        }
        var listing = client.get()
                .uri(uri ->
                        uri.path("/api/events").queryParam("organisation", org).build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(listing).contains(id).doesNotContain(code, "Rutland", "invitations");
    }

    @Test
    void theAnnouncementCarriesHashesAndPlacesHeldAndNeverACode() throws Exception {
        var id = publishedEvent("Announced partner session", "INVITE_ONLY");
        var release = inDays(7, 17) + "Z";
        var invitation = invite(id, Map.of("partner", "Rutland County Council", "seatsHeld", 6, "releaseAt", release));
        var code = invitation.get("code").asString();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(announcements.withKey(id)).hasSize(2));
        var received = announcements.withKey(id).getLast().value();
        assertThat(received).doesNotContain(code);
        var message = json.readTree(received);
        assertThat(message.get("type").asString()).isEqualTo("EventUpdated");
        assertThat(message.get("aggregateVersion").asLong()).isEqualTo(3);
        assertThat(message.get("visibility").asString()).isEqualTo("INVITE_ONLY");
        var announced = message.get("invitations").get(0);
        assertThat(announced.get("id").asString())
                .isEqualTo(invitation.get("id").asString());
        assertThat(announced.get("partner").asString()).isEqualTo("Rutland County Council");
        assertThat(announced.get("seatsHeld").asInt()).isEqualTo(6);
        assertThat(Instant.parse(announced.get("releaseAt").asString())).isEqualTo(Instant.parse(release));
        assertThat(announced.get("codeHash").asString()).isEqualTo(sha256(code));
        assertThat(announced.propertyNames())
                .containsExactlyInAnyOrder("id", "partner", "codeHash", "seatsHeld", "releaseAt");

        as(org).post()
                .uri("/api/events/" + id + "/invitations/"
                        + invitation.get("id").asString() + "/revoke")
                .exchange()
                .expectStatus()
                .isOk();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(announcements.withKey(id)).hasSize(3));
        var afterRevoking = json.readTree(announcements.withKey(id).getLast().value());
        assertThat(afterRevoking.get("type").asString()).isEqualTo("EventUpdated");
        assertThat(afterRevoking.get("invitations").isEmpty()).isTrue();
    }

    @Test
    void badInvitationsAreRefusedByFieldAndNothingIsStored() {
        var id = publishedEvent("Carefully invited", "INVITE_ONLY");
        var valid = new HashMap<String, Object>(Map.of("partner", "Rutland County Council", "seatsHeld", 2));
        expectBadField(id, with(valid, "partner", null), "partner");
        expectBadField(id, with(valid, "partner", "   "), "partner");
        expectBadField(id, with(valid, "partner", "x".repeat(121)), "partner");
        expectBadField(id, with(valid, "partner", "Rutland\r\nBcc: someone"), "partner");
        expectBadField(id, with(valid, "partner", "<b>Rutland</b>"), "partner");
        expectBadField(id, with(valid, "seatsHeld", -1), "seatsHeld");
        expectBadField(id, with(valid, "seatsHeld", 11), "seatsHeld");
        expectBadField(id, with(valid, "seatsHeld", "lots"), "seatsHeld");
        expectBadField(id, with(valid, "releaseAt", "2020-01-01T10:00:00Z"), "releaseAt");
        expectBadField(id, with(valid, "releaseAt", inDays(11, 10) + "Z"), "releaseAt");
        expectBadField(id, with(valid, "releaseAt", 1_900_000_000), "releaseAt");
        expectBadField(id, with(valid, "releaseAt", "next week"), "releaseAt");
        expectBadField(id, with(valid, "code", "chosen-by-me"), "code");
        as(org).post()
                .uri("/api/events/" + id + "/invitations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"partner\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // A stale If-Match saves nothing either.
        as(org).post()
                .uri("/api/events/" + id + "/invitations")
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(valid)
                .exchange()
                .expectStatus()
                .isEqualTo(412);

        assertThat(invitations(id).isEmpty()).isTrue();
        as(org).get()
                .uri("/api/events/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2\"");
    }

    @Test
    void aCancelledEventTakesNoInvitations() {
        var id = publishedEvent("Soon cancelled", "INVITE_ONLY");
        as(org).post()
                .uri("/api/events/" + id + "/cancel")
                .bodyValue(Map.of("reason", "The venue flooded"))
                .exchange()
                .expectStatus()
                .isOk();
        as(org).post()
                .uri("/api/events/" + id + "/invitations")
                .bodyValue(Map.of("partner", "Rutland County Council"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(invitations(id).isEmpty()).isTrue();
    }

    @Test
    void anotherOrganisationsEventsInvitationsDoNotExist() {
        var id = publishedEvent("Ours", "INVITE_ONLY");
        var invitation = invite(id, Map.of("partner", "Rutland County Council"));
        var other = as("org-other-" + UUID.randomUUID());
        other.post()
                .uri("/api/events/" + id + "/invitations")
                .bodyValue(Map.of("partner", "Intruders"))
                .exchange()
                .expectStatus()
                .isNotFound();
        other.get()
                .uri("/api/events/" + id + "/invitations")
                .exchange()
                .expectStatus()
                .isNotFound();
        other.post()
                .uri("/api/events/" + id + "/invitations/"
                        + invitation.get("id").asString() + "/revoke")
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri("/api/events/" + id + "/invitations")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(invitations(id).get(0).get("revoked").asBoolean()).isFalse();
        assertThat(invitations(id)).hasSize(1);
    }

    private String notFound(String path) {
        return client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private void expectBadField(String eventId, Map<String, Object> body, String field) {
        as(org).post()
                .uri("/api/events/" + eventId + "/invitations")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields.toString()).as(field).contains(field));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static String sha256(String code) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    }
}
