package org.convene.events.request.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Booking requests (ADR 14) through the API: the public form, the organisers' inbox and what accepting
 * makes. Shares {@code EventsApiTests}' application context (same {@link IntegrationTest} properties).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BookingRequestsApiTests {

    static TopicRecorder announcements;

    @Autowired
    WebTestClient client;

    @Autowired
    org.convene.events.request.domain.BookingRequestService service;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void listen() {
        announcements = TopicRecorder.record(Topics.REQUESTS);
    }

    @AfterAll
    static void stopListening() throws InterruptedException {
        announcements.close();
    }

    @BeforeEach
    void registerOrganisation() {
        as(TestTokens.shared().adminOf("convene-admins"))
                .post()
                .uri("/api/organisations")
                .bodyValue(Map.of("id", org, "name", "Voices of Care", "contactEmail", "team@voices.example"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    WebTestClient as(String token) {
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    WebTestClient organiser() {
        return as(TestTokens.shared().organiserOf(org));
    }

    JsonNode body(WebTestClient.ResponseSpec spec) {
        return json.readTree(spec.expectBody(String.class).returnResult().getResponseBody());
    }

    String base() {
        return "/api/organisations/" + org + "/booking-requests";
    }

    WebTestClient.ResponseSpec send(Map<String, Object> form) {
        return client.post()
                .uri(base())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(form)
                .exchange();
    }

    String email(String who) {
        return who + "-" + tag + "@rutland.example";
    }

    JsonNode inbox(String query) {
        return body(
                organiser().get().uri(base() + query).exchange().expectStatus().isOk());
    }

    String onlyRequest() {
        var inbox = inbox("");
        assertThat(inbox).hasSize(1);
        return inbox.get(0).get("id").asString();
    }

    @Test
    void theFormAnswersTheSameForANewRequestAndADuplicateAndKeepsOne(CapturedOutput output) {
        var form = BookingRequestBodies.keynote(email("sam"));
        var first = send(form)
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var again = send(form)
                .expectStatus()
                .isEqualTo(HttpStatus.ACCEPTED)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(again).isEqualTo(first).doesNotContain("sam-" + tag);
        var id = onlyRequest();
        var request = body(organiser()
                .get()
                .uri(base() + "/" + id)
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(request.get("status").asString()).isEqualTo("NEW");
        assertThat(request.get("requester").get("email").asString()).isEqualTo(email("sam"));
        assertThat(request.get("preferredDates")).hasSize(2);
        assertThat(request.get("message").asString()).contains("care leavers' conference?\nAbout 45 minutes.");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !announcements.withKey(id).isEmpty());
        var announced = json.readTree(announcements.withKey(id).getFirst().value());
        assertThat(announced.get("type").asString()).isEqualTo("BookingRequestReceived");
        assertThat(announced.get("contactEmail").asString()).isEqualTo(email("sam"));
        assertThat(announced.get("organisationId").asString()).isEqualTo(org);
        assertThat(announced.has("message")).isFalse();

        // Another kind from the same person is another request.
        var training = new HashMap<>(form);
        training.put("kind", "TRAINING");
        send(training).expectStatus().isEqualTo(HttpStatus.ACCEPTED);
        assertThat(inbox("")).hasSize(2);
        assertThat(output.getAll()).doesNotContain(email("sam"), "Sam Patel");
    }

    @Test
    void anInvalidRequestIsRefusedFieldByFieldAndNothingIsStored() {
        var bad = BookingRequestBodies.keynote("not-an-address");
        bad.put("audienceSize", 0);
        bad.put("message", "Hello <script>alert(1)</script>");
        bad.put("preferredDates", List.of("2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"));
        var problem = body(send(bad)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.get("type").asString()).isEqualTo("https://convene.dev/problems/invalid-request");
        var fields = problem.get("errors").findValuesAsString("field");
        assertThat(fields).contains("requester.email", "audienceSize", "message", "preferredDates");

        var inPersonWithoutTown = BookingRequestBodies.keynote(email("nowhere"));
        inPersonWithoutTown.remove("town");
        var noTown = body(send(inPersonWithoutTown).expectStatus().isBadRequest());
        assertThat(noTown.get("errors").findValuesAsString("field")).containsExactly("town");

        var unknownKind = BookingRequestBodies.keynote(email("pizza"));
        unknownKind.put("kind", "PIZZA");
        send(unknownKind).expectStatus().isBadRequest();

        assertThat(inbox("")).isEmpty();
    }

    @Test
    void anUnknownOrganisationIsNotFound() {
        client.post()
                .uri("/api/organisations/no-such-" + tag + "/booking-requests")
                .bodyValue(BookingRequestBodies.keynote(email("lost")))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void theInboxFiltersByStatusAndKind() {
        send(BookingRequestBodies.keynote(email("a"))).expectStatus().isAccepted();
        var training = BookingRequestBodies.keynote(email("b"));
        training.put("kind", "TRAINING");
        send(training).expectStatus().isAccepted();
        var consultancy = BookingRequestBodies.keynote(email("c"));
        consultancy.put("kind", "CONSULTANCY");
        consultancy.remove("town");
        consultancy.put("online", true);
        consultancy.remove("preferredDates");
        consultancy.put("flexible", true);
        send(consultancy).expectStatus().isAccepted();

        var keynotes = inbox("?kind=KEYNOTE");
        assertThat(keynotes).hasSize(1);
        var keynote = keynotes.get(0).get("id").asString();
        organiser()
                .post()
                .uri(base() + "/" + keynote + "/discuss")
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2\"");

        assertThat(inbox("")).hasSize(3);
        assertThat(inbox("?status=IN_DISCUSSION")).hasSize(1);
        assertThat(inbox("?status=NEW")).hasSize(2);
        assertThat(inbox("?status=NEW&kind=TRAINING")).hasSize(1);
        assertThat(inbox("?status=IN_DISCUSSION&kind=TRAINING")).isEmpty();
        organiser().get().uri(base() + "?status=LOST").exchange().expectStatus().isBadRequest();
    }

    @Test
    void anotherOrganisationsOrganiserFindsNothing() {
        send(BookingRequestBodies.keynote(email("private"))).expectStatus().isAccepted();
        var id = onlyRequest();
        var stranger = as(TestTokens.shared().organiserOf("another-" + tag));
        stranger.get().uri(base()).exchange().expectStatus().isNotFound();
        stranger.get().uri(base() + "/" + id).exchange().expectStatus().isNotFound();
        stranger.post()
                .uri(base() + "/" + id + "/accept")
                .exchange()
                .expectStatus()
                .isNotFound();
        // Their own organisation's path does not reach it either.
        stranger.get()
                .uri("/api/organisations/another-" + tag + "/booking-requests/" + id)
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get().uri(base()).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aReplyIsKeptInTheHistoryAnnouncedForTheEmailAndNotesStayInside() {
        send(BookingRequestBodies.keynote(email("reply"))).expectStatus().isAccepted();
        var id = onlyRequest();
        organiser()
                .post()
                .uri(base() + "/" + id + "/notes")
                .bodyValue(Map.of("text", "Ask Priya whether she is free."))
                .exchange()
                .expectStatus()
                .isOk();
        var replied = body(organiser()
                .post()
                .uri(base() + "/" + id + "/replies")
                .bodyValue(Map.of("text", "Dear Sam,\nwe would love to. Is 10:00 fine?"))
                .exchange()
                .expectStatus()
                .isOk());

        assertThat(replied.get("status").asString()).isEqualTo("IN_DISCUSSION");
        var history = replied.get("history");
        assertThat(history.findValuesAsString("type")).containsExactly("RECEIVED", "NOTE", "STATUS_CHANGED", "REPLY");
        assertThat(history.get(3).get("text").asString()).isEqualTo("Dear Sam,\nwe would love to. Is 10:00 fine?");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> announcements.withKey(id).stream()
                        .anyMatch(m -> m.value().contains("BookingRequestReplied")));
        var all = announcements.withKey(id).stream()
                .map(TopicRecorder.Received::value)
                .toList();
        assertThat(all).noneMatch(message -> message.contains("Priya"));
        var reply = all.stream()
                .map(json::readTree)
                .filter(message -> message.get("type").asString().equals("BookingRequestReplied"))
                .findFirst()
                .orElseThrow();
        assertThat(reply.get("replyText").asString()).isEqualTo("Dear Sam,\nwe would love to. Is 10:00 fine?");

        var hostile = organiser()
                .post()
                .uri(base() + "/" + id + "/replies")
                .bodyValue(Map.of("text", "<script>alert(1)</script>"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(body(hostile).get("errors").findValuesAsString("field")).containsExactly("text");
        organiser()
                .post()
                .uri(base() + "/" + id + "/replies")
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("text", "Too late"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
    }

    @Test
    void acceptingSchedulesItAsAnInviteOnlyDraftForTheRequestersOrganisation() {
        send(BookingRequestBodies.keynote(email("accept"))).expectStatus().isAccepted();
        var id = onlyRequest();
        var scheduled = body(organiser()
                .post()
                .uri(base() + "/" + id + "/accept")
                .exchange()
                .expectStatus()
                .isOk());

        assertThat(scheduled.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(scheduled.get("history").findValuesAsString("status")).contains("ACCEPTED", "SCHEDULED");
        var eventId = scheduled.get("eventId").asString();
        var event = body(organiser()
                .get()
                .uri("/api/events/" + eventId)
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(event.get("status").asString()).isEqualTo("DRAFT");
        assertThat(event.get("organisationId").asString()).isEqualTo(org);
        assertThat(event.get("title").asString()).isEqualTo("Keynote for Rutland County Council");
        assertThat(event.get("format").asString()).isEqualTo("KEYNOTE");
        assertThat(event.get("audience").asString()).isEqualTo("PROFESSIONALS");
        assertThat(event.get("capacity").asInt()).isEqualTo(60);
        assertThat(event.get("visibility").asString()).isEqualTo("INVITE_ONLY");
        assertThat(event.get("venue").get("address").asString()).isEqualTo("Oakham");
        assertThat(event.get("venue").get("accessibility").toString()).contains("STEP_FREE_ACCESS", "HEARING_LOOP");
        assertThat(event.get("support").get("interpreterLanguages").get(0).asString())
                .isEqualTo("BSL");
        assertThat(event.get("description").asString()).doesNotContain("Sam", "wheelchair", "conference");
        var invitations = event.get("invitations");
        assertThat(invitations).hasSize(1);
        assertThat(invitations.get(0).get("partner").asString()).isEqualTo("Rutland County Council");
        assertThat(invitations.get(0).get("revoked").asBoolean()).isFalse();
        // The public does not find it: a draft, and invite-only.
        client.get().uri("/api/events/" + eventId).exchange().expectStatus().isNotFound();

        var conflict = body(organiser()
                .post()
                .uri(base() + "/" + id + "/accept")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT));
        assertThat(conflict.get("type").asString()).isEqualTo("https://convene.dev/problems/invalid-state");
        organiser()
                .post()
                .uri(base() + "/" + id + "/decline")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void acceptingWithTheAgreedTimeUsesIt() {
        send(BookingRequestBodies.keynote(email("timed"))).expectStatus().isAccepted();
        var id = onlyRequest();
        var day = java.time.LocalDate.now().plusDays(50);
        var scheduled = body(organiser()
                .post()
                .uri(base() + "/" + id + "/accept")
                .bodyValue(Map.of("startsAt", day + "T14:00", "endsAt", day + "T15:30", "timeZone", "Europe/London"))
                .exchange()
                .expectStatus()
                .isOk());
        var event = body(organiser()
                .get()
                .uri("/api/events/" + scheduled.get("eventId").asString())
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(event.get("startsAt").asString()).startsWith(day + "T14:00");
        assertThat(event.get("endsAt").asString()).startsWith(day + "T15:30");
    }

    @Test
    void aDeclinedRequestIsClosedAndExportedAndErasedOnRequest() {
        send(BookingRequestBodies.keynote(email("erase"))).expectStatus().isAccepted();
        var id = onlyRequest();
        organiser()
                .post()
                .uri(base() + "/" + id + "/decline")
                .exchange()
                .expectStatus()
                .isOk();
        var export = organiser()
                .get()
                .uri(base() + "/" + id + "/export")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"booking-request-.*\\.json\"")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(export).contains(email("erase"), "Sam Patel", "01572 722577", "care leavers", "DECLINED");

        var erased = body(organiser()
                .post()
                .uri(base() + "/" + id + "/erase")
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(erased.get("erasedAt").isNull()).isFalse();
        var after = organiser()
                .get()
                .uri(base() + "/" + id + "/export")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(after).doesNotContain(email("erase"), "Sam Patel", "01572 722577", "care leavers", "wheelchair");
        organiser()
                .post()
                .uri(base() + "/" + id + "/erase")
                .exchange()
                .expectStatus()
                .isOk();
        organiser()
                .post()
                .uri(base() + "/" + id + "/replies")
                .bodyValue(Map.of("text", "Hello?"))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> announcements.withKey(id).stream()
                        .anyMatch(m -> m.value().contains("BookingRequestErased")));
    }

    @Test
    void closedRequestsAreErasedOnceTheRetentionPeriodIsOverAndOpenOnesAreKept() {
        send(BookingRequestBodies.keynote(email("kept"))).expectStatus().isAccepted();
        send(BookingRequestBodies.keynote(email("closed"))).expectStatus().isAccepted();
        var closed = inbox("").get(0).get("id").asString();
        var open = inbox("").get(1).get("id").asString();
        organiser()
                .post()
                .uri(base() + "/" + closed + "/decline")
                .exchange()
                .expectStatus()
                .isOk();

        service.enforceRetention(Duration.ZERO).block(Duration.ofSeconds(30));

        var erased = body(organiser()
                .get()
                .uri(base() + "/" + closed)
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(erased.get("erasedAt").isNull()).isFalse();
        assertThat(erased.toString()).doesNotContain("Sam Patel", "@rutland.example", "care leavers");
        var kept = body(organiser()
                .get()
                .uri(base() + "/" + open)
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(kept.get("erasedAt").isNull()).isTrue();
        assertThat(kept.get("requester").get("name").asString()).isEqualTo("Sam Patel");
    }

    /** Lists the organisation's offerings and answers the id of the one with this name. */
    String offering(String name, String kind) {
        var saved = body(organiser()
                .put()
                .uri("/api/organisations/" + org + "/offerings")
                .bodyValue(Map.of(
                        "offerings",
                        List.of(
                                Map.of("name", name, "kind", kind),
                                Map.of("name", "Something else", "kind", "TRAINING"))))
                .exchange()
                .expectStatus()
                .isOk());
        return saved.get("offerings").get(0).get("id").asString();
    }

    @Test
    void aRequestForOneOfTheOrganisationsOfferingsKeepsItsNameAndBecomesADraftOfItsKind() {
        var offeringId = offering("Lived experience talk", "KEYNOTE");
        var form = BookingRequestBodies.keynote(email("offer"));
        form.put("kind", "OFFERING");
        form.put("offeringId", offeringId);
        send(form).expectStatus().isAccepted();

        var inbox = inbox("?kind=OFFERING");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).get("offeringId").asString()).isEqualTo(offeringId);
        assertThat(inbox.get(0).get("offeringName").asString()).isEqualTo("Lived experience talk");
        var id = inbox.get(0).get("id").asString();

        // A later rename does not change what was asked for.
        organiser()
                .put()
                .uri("/api/organisations/" + org + "/offerings")
                .bodyValue(Map.of(
                        "offerings", List.of(Map.of("id", offeringId, "name", "Renamed talk", "kind", "TRAINING"))))
                .exchange()
                .expectStatus()
                .isOk();
        var request = body(organiser()
                .get()
                .uri(base() + "/" + id)
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(request.get("kind").asString()).isEqualTo("OFFERING");
        assertThat(request.get("offeringName").asString()).isEqualTo("Lived experience talk");
        assertThat(request.get("offeringKind").asString()).isEqualTo("KEYNOTE");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !announcements.withKey(id).isEmpty());
        var announced = json.readTree(announcements.withKey(id).getFirst().value());
        assertThat(announced.get("kind").asString()).isEqualTo("OFFERING");
        assertThat(announced.get("offeringName").asString()).isEqualTo("Lived experience talk");

        var scheduled = body(organiser()
                .post()
                .uri(base() + "/" + id + "/accept")
                .exchange()
                .expectStatus()
                .isOk());
        var event = body(organiser()
                .get()
                .uri("/api/events/" + scheduled.get("eventId").asString())
                .exchange()
                .expectStatus()
                .isOk());
        assertThat(event.get("title").asString()).isEqualTo("Lived experience talk for Rutland County Council");
        assertThat(event.get("format").asString()).isEqualTo("KEYNOTE");
        assertThat(java.time.Duration.between(
                        java.time.Instant.parse(event.get("startsAt").asString()),
                        java.time.Instant.parse(event.get("endsAt").asString())))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anOfferingTheOrganisationDoesNotListIsRefusedAndNothingIsStored() {
        offering("Lived experience talk", "KEYNOTE");
        var unknown = BookingRequestBodies.keynote(email("unknown"));
        unknown.put("kind", "OFFERING");
        unknown.put("offeringId", "zzzzzzzz");
        var problem = body(send(unknown).expectStatus().isBadRequest());
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("offeringId");

        var missing = BookingRequestBodies.keynote(email("missing"));
        missing.put("kind", "OFFERING");
        var noId = body(send(missing).expectStatus().isBadRequest());
        assertThat(noId.get("errors").findValuesAsString("field")).containsExactly("offeringId");

        var notAnOffering = BookingRequestBodies.keynote(email("keynote"));
        notAnOffering.put("offeringId", "zzzzzzzz");
        send(notAnOffering).expectStatus().isBadRequest();

        assertThat(inbox("")).isEmpty();
        // Nothing was claimed either: the same person may now ask properly.
        send(BookingRequestBodies.keynote(email("unknown"))).expectStatus().isAccepted();
        assertThat(inbox("")).hasSize(1);
    }
}
