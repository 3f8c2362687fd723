package org.convene.events.event.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.events.event.web.EventRequestBodies.inDays;
import static org.convene.events.event.web.EventRequestBodies.onlineKeynote;
import static org.convene.events.event.web.EventRequestBodies.workshop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.convene.contracts.Topics;
import org.convene.testing.IntegrationTest;
import org.convene.testing.ManagementPort;
import org.convene.testing.PeoplesText;
import org.convene.testing.TestTokens;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The events API end to end inside the service: real store, real broker, tokens as the identity provider issues them. */
@IntegrationTest
class EventsApiTests {

    static TopicRecorder announcements;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

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

    /** The client as an organiser of the organisation, with a token the test identity provider signed. */
    WebTestClient as(String organisation) {
        var token = TestTokens.shared().organiserOf(organisation);
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    JsonNode create(Map<String, Object> body) {
        return body(as(org).post()
                .uri("/api/events")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists(HttpHeaders.ETAG));
    }

    JsonNode post(String path, Object body, String ifMatch) {
        var request = as(org).post().uri(path);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        var spec = body == null ? request.exchange() : request.bodyValue(body).exchange();
        return body(spec.expectStatus().isOk());
    }

    JsonNode body(WebTestClient.ResponseSpec spec) {
        return json.readTree(spec.expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void aBodyNamingAFieldTwiceIsRefusedAndNothingIsStored() throws Exception {
        var title = "Twice " + java.util.UUID.randomUUID();
        var body = json.writeValueAsString(workshop(title)).replaceFirst("\\{", "{\"title\":\"Other\",");
        var problem = body(as(org).post()
                .uri("/api/events")
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType("application/problem+json"));
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("names a field more than once");
        var mine = as(org).get()
                .uri("/api/organisations/" + org + "/events")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(mine).doesNotContain(title);
    }

    @Test
    void aQueryParameterOutOfRangeIsAProblemNamingTheParameterNotAnError() {
        for (var limit : new String[] {"-1", "0", "101"}) {
            var problem = body(client.get()
                    .uri("/api/events?limit=" + limit)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType("application/problem+json"));
            assertThat(problem.get("type").asString()).endsWith("/invalid-request");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void draftPublishedRescheduledCancelledAnnouncesEachChangeOnceInOrder() {
            var id = create(workshop("Peer research workshop")).get("id").asString();
            post("/api/events/" + id + "/publish", null, "\"1\"");
            post(
                    "/api/events/" + id + "/reschedule",
                    Map.of("startsAt", inDays(17, 10), "endsAt", inDays(17, 14), "timeZone", "Europe/London"),
                    "\"2\"");
            var cancelled = post("/api/events/" + id + "/cancel", Map.of("reason", "The venue flooded"), "\"3\"");
            assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(announcements.withKey(id)).hasSize(3));
            // Nothing more arrives: each change was published exactly once.
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(announcements.withKey(id)).hasSize(3));
            var messages = announcements.withKey(id).stream()
                    .map(received -> json.readTree(received.value()))
                    .toList();
            assertThat(messages)
                    .extracting(m -> m.get("type").asString())
                    .containsExactly("EventPublished", "EventRescheduled", "EventCancelled");
            assertThat(messages)
                    .extracting(m -> m.get("aggregateVersion").asLong())
                    .containsExactly(2L, 3L, 4L);
            assertThat(messages.getLast().get("cancellationReason").asString()).isEqualTo("The venue flooded");
            assertThat(announcements.withKey(id))
                    .extracting(TopicRecorder.Received::partition)
                    .containsOnly(announcements.withKey(id).getFirst().partition());
        }

        @Test
        void anAnnouncementContinuesTheTraceOfTheRequestThatCausedIt() throws Exception {
            var id = create(workshop("Traced workshop")).get("id").asString();
            var traceId = java.util.UUID.randomUUID().toString().replace("-", "");
            // A plain client: the test's WebTestClient would start a trace of its own and replace the header.
            var published = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                            "http://127.0.0.1:" + port + "/api/events/" + id + "/publish"))
                                    .header(
                                            "Authorization",
                                            "Bearer " + TestTokens.shared().organiserOf(org))
                                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).as(published.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(announcements.withKey(id)).hasSize(1));
            // Sent later by the relay, yet part of the publishing request's trace (W3C traceparent).
            assertThat(announcements.withKey(id).getFirst().headers().get("traceparent"))
                    .startsWith("00-" + traceId + "-");
        }

        @Test
        void draftEditsAreNotAnnounced() {
            var created = create(workshop("Quiet draft"));
            var id = created.get("id").asString();
            as(org).put()
                    .uri("/api/events/" + id)
                    .header(HttpHeaders.IF_MATCH, "\"1\"")
                    .bodyValue(workshop("Quiet draft, renamed"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(HttpHeaders.ETAG, "\"2\"");
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(announcements.withKey(id)).isEmpty());
        }

        @Test
        void publishingACancelledEventIsAConflictWithAClearMessage() {
            var id = create(workshop("Soon cancelled")).get("id").asString();
            post("/api/events/" + id + "/cancel", Map.of("reason", "Changed plans"), null);
            as(org).post()
                    .uri("/api/events/" + id + "/publish")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/invalid-state")
                    .jsonPath("$.detail")
                    .value(detail -> assertThat(detail.toString()).contains("cancelled"));
        }

        @Test
        void capacityOfAPublishedEventOnlyGrows() {
            var id = create(workshop("Growing")).get("id").asString();
            post("/api/events/" + id + "/publish", null, null);
            as(org).post()
                    .uri("/api/events/" + id + "/capacity")
                    .bodyValue(Map.of("capacity", 5))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT);
            assertThat(post("/api/events/" + id + "/capacity", Map.of("capacity", 15), null)
                            .get("capacity")
                            .asInt())
                    .isEqualTo(15);
        }

        @Test
        void unknownEventIsNotFound() {
            client.get()
                    .uri("/api/events/" + UUID.randomUUID())
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Nested
    class Concurrency {

        @Test
        void ofEightConcurrentEditsFromTheSameVersionExactlyOneWins() throws Exception {
            var id = create(workshop("Contended")).get("id").asString();
            var start = new CountDownLatch(1);
            var statuses = new ArrayList<Integer>();
            try (var pool = Executors.newFixedThreadPool(8)) {
                var futures = new ArrayList<java.util.concurrent.Future<Integer>>();
                for (int i = 0; i < 8; i++) {
                    var title = "Edit " + i;
                    futures.add(pool.submit(() -> {
                        start.await();
                        return as(org).put()
                                .uri("/api/events/" + id)
                                .header(HttpHeaders.IF_MATCH, "\"1\"")
                                .bodyValue(workshop(title))
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value();
                    }));
                }
                start.countDown();
                for (var future : futures) {
                    statuses.add(future.get());
                }
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 412).hasSize(7);
        }
    }

    @Nested
    class PublicView {

        @Test
        void listsOnlyPublishedEventsAndNeverOnlineLinks() {
            var published =
                    create(workshop("Published workshop " + org)).get("id").asString();
            post("/api/events/" + published + "/publish", null, null);
            var online = create(onlineKeynote("Online keynote " + org, "https://meet.example/secret-room"))
                    .get("id")
                    .asString();
            post("/api/events/" + online + "/publish", null, null);
            var draft = create(workshop("Draft workshop " + org)).get("id").asString();

            var page = body(client.get()
                    .uri(uri -> uri.path("/api/events")
                            .queryParam("organisation", org)
                            .build())
                    .exchange()
                    .expectStatus()
                    .isOk());
            assertThat(page.get("events").valueStream().map(e -> e.get("id").asString()))
                    .containsExactlyInAnyOrder(published, online);
            assertThat(page.toString()).doesNotContain("secret-room", "onlineLink");

            client.get().uri("/api/events/" + draft).exchange().expectStatus().isNotFound();
            var everyone = body(client.get()
                    .uri(uri -> uri.path("/api/events").queryParam("limit", 100).build())
                    .exchange()
                    .expectStatus()
                    .isOk());
            assertThat(everyone.get("events")
                            .valueStream()
                            .map(e -> e.get("status").asString()))
                    .containsOnly("PUBLISHED");
            assertThat(everyone.toString()).doesNotContain(draft, "secret-room", "onlineLink");
            var publicOnline = body(client.get()
                    .uri("/api/events/" + online)
                    .exchange()
                    .expectStatus()
                    .isOk());
            assertThat(publicOnline.get("online").asBoolean()).isTrue();
            assertThat(publicOnline.toString()).doesNotContain("secret-room");

            var ownView = body(as(org).get()
                    .uri("/api/events/" + online)
                    .exchange()
                    .expectStatus()
                    .isOk());
            assertThat(ownView.get("onlineLink").asString()).isEqualTo("https://meet.example/secret-room");
        }

        @Test
        void anotherOrganisationsOrganiserSeesNeitherDraftsNorLinks() {
            var draft = create(workshop("Private draft")).get("id").asString();
            var online = create(onlineKeynote("Their keynote", "https://meet.example/their-room"))
                    .get("id")
                    .asString();
            post("/api/events/" + online + "/publish", null, null);
            var seenByOther = body(as("org-other")
                    .get()
                    .uri("/api/events/" + online)
                    .exchange()
                    .expectStatus()
                    .isOk());
            assertThat(seenByOther.toString()).doesNotContain("their-room");
            assertThat(seenByOther.has("version"))
                    .as("the public view, not the organiser view")
                    .isFalse();
            as("org-other")
                    .get()
                    .uri("/api/events/" + draft)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            as("org-other")
                    .get()
                    .uri("/api/organisations/" + org + "/events")
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            as("org-other")
                    .post()
                    .uri("/api/events/" + draft + "/publish")
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void organisersListTheirOwnEventsInEveryState() {
            var draft = create(workshop("Mine, draft")).get("id").asString();
            var live = create(workshop("Mine, live")).get("id").asString();
            post("/api/events/" + live + "/publish", null, null);
            var mine = as(org).get()
                    .uri("/api/organisations/" + org + "/events")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                    .returnResult()
                    .getResponseBody();
            assertThat(mine).extracting(e -> e.get("id")).contains(draft, live);
        }

        @Test
        void pagesThroughResultsWithACursorWithoutRepeatsOrGaps() {
            var ids = new ArrayList<String>();
            for (int i = 0; i < 5; i++) {
                var body = workshop("Series " + org + " " + i);
                // Three share a start time, so the id must break the tie between pages.
                body.put("startsAt", inDays(20 + Math.max(0, i - 2), 10));
                body.put("endsAt", inDays(20 + Math.max(0, i - 2), 12));
                var id = create(body).get("id").asString();
                post("/api/events/" + id + "/publish", null, null);
                ids.add(id);
            }
            var seen = new ArrayList<String>();
            String cursor = null;
            do {
                var next = cursor;
                var page = body(client.get()
                        .uri(uri -> {
                            uri.path("/api/events")
                                    .queryParam("organisation", org)
                                    .queryParam("limit", 2);
                            if (next != null) {
                                uri.queryParam("cursor", next);
                            }
                            return uri.build();
                        })
                        .exchange()
                        .expectStatus()
                        .isOk());
                page.get("events")
                        .valueStream()
                        .forEach(e -> seen.add(e.get("id").asString()));
                cursor = page.get("next").isNull() ? null : page.get("next").asString();
            } while (cursor != null);
            assertThat(seen).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
            assertThat(seen.subList(3, 5)).containsExactlyElementsOf(ids.subList(3, 5));
        }

        @Test
        void filtersByAudienceFormatAndText() {
            var workshopId = create(workshop("Care leavers' money workshop " + org))
                    .get("id")
                    .asString();
            post("/api/events/" + workshopId + "/publish", null, null);
            var keynoteId = create(onlineKeynote("Keynote on corporate parenting " + org, "https://meet.example/k"))
                    .get("id")
                    .asString();
            post("/api/events/" + keynoteId + "/publish", null, null);

            assertThat(ids("audience", "PROFESSIONALS")).containsExactly(keynoteId);
            assertThat(ids("format", "WORKSHOP")).containsExactly(workshopId);
            assertThat(ids("q", "MONEY")).containsExactly(workshopId);
            assertThat(ids("q", ".*"))
                    .as("search text is literal, not a pattern")
                    .isEmpty();
        }

        private List<String> ids(String filter, String value) {
            var page = body(client.get()
                    .uri(uri -> uri.path("/api/events")
                            .queryParam("organisation", org)
                            .queryParam(filter, value)
                            .build())
                    .exchange()
                    .expectStatus()
                    .isOk());
            return page.get("events")
                    .valueStream()
                    .map(e -> e.get("id").asString())
                    .toList();
        }

        @Test
        void offersACalendarEntry() {
            var id = create(workshop("Calendar workshop")).get("id").asString();
            post("/api/events/" + id + "/publish", null, null);
            var ics = client.get()
                    .uri("/api/events/" + id + "/calendar.ics")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith("text/calendar")
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(ics).contains("BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:" + id + "@convene", "Calendar workshop");
            assertThat(ics.lines().filter(line -> line.startsWith("DTSTAMP"))).hasSize(1);
            assertThat(ics).contains("DTSTART:", "DTEND:", "LOCATION:Community Hall");
        }
    }

    @Nested
    class Copies {

        @Test
        void duplicatesAnEventAsANewDraftAtANewTime() {
            var source = create(workshop("Monthly drop-in")).get("id").asString();
            post("/api/events/" + source + "/publish", null, null);
            var copy = body(as(org).post()
                    .uri("/api/events/" + source + "/duplicate")
                    .bodyValue(
                            Map.of("startsAt", inDays(40, 18), "endsAt", inDays(40, 20), "timeZone", "Europe/London"))
                    .exchange()
                    .expectStatus()
                    .isCreated());
            assertThat(copy.get("id").asString()).isNotEqualTo(source);
            assertThat(copy.get("status").asString()).isEqualTo("DRAFT");
            assertThat(copy.get("title").asString()).isEqualTo("Monthly drop-in");
            assertThat(copy.get("startsAt").asString()).contains("T18:00");
        }

        @Test
        void createsAWeeklySeriesAtTheSameLocalTimeAcrossAClockChange() {
            var body = workshop("Weekly group");
            // UK clocks go forward on 28 March 2027: the series runs across it.
            body.put("startsAt", "2027-03-15T10:00");
            body.put("endsAt", "2027-03-15T12:00");
            var source = create(body).get("id").asString();
            var series = body(as(org).post()
                    .uri("/api/events/" + source + "/series")
                    .bodyValue(Map.of("frequency", "WEEKLY", "count", 4))
                    .exchange()
                    .expectStatus()
                    .isCreated());
            assertThat(series.valueStream().map(e -> e.get("status").asString()))
                    .containsOnly("DRAFT");
            assertThat(series.valueStream().map(e -> e.get("startsAt").asString()))
                    .hasSize(4)
                    .containsExactly(
                            "2027-03-22T10:00:00Z",
                            "2027-03-29T10:00:00+01:00",
                            "2027-04-05T10:00:00+01:00",
                            "2027-04-12T10:00:00+01:00");
        }

        @Test
        void refusesASeriesLongerThanAYear() {
            var source = create(workshop("Too long")).get("id").asString();
            as(org).post()
                    .uri("/api/events/" + source + "/series")
                    .bodyValue(Map.of("frequency", "WEEKLY", "count", 53))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("count");
        }
    }

    @Nested
    class Sanitising {

        @Test
        void refusesScriptsHandlersAndJavascriptLinksInTheDescription() {
            for (var attack : List.of(
                    "Hello <script>alert('x')</script>",
                    "[click](javascript:alert(1))",
                    "<img src=x onerror=\"alert(2)\">")) {
                var body = workshop("Sanitised");
                body.put("description", attack);
                as(org).post()
                        .uri("/api/events")
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody()
                        .jsonPath("$.errors[0].field")
                        .isEqualTo("description");
            }
        }

        @Test
        void rendersMarkdownAsSafeHtml() {
            var body = workshop("Formatted");
            body.put("description", "## Plan\n\n- talk\n- **eat pizza**\n\n[Map](https://maps.example/hall)");
            var html = create(body).get("descriptionHtml").asString();
            assertThat(html).contains("<h2>Plan</h2>", "<li>talk</li>", "<strong>eat pizza</strong>");
            assertThat(html).contains("href=\"https://maps.example/hall\"", "rel=\"nofollow noopener noreferrer\"");
        }
    }

    @Nested
    class InOtherLanguages {

        @Test
        void anEasyReadSummaryAndAWelshAndArabicTitleAndSummaryAreStoredAndShownToEveryone() {
            var body = workshop("Translated workshop " + org);
            body.put("easyReadSummary", "We make a plan together.\nThere is pizza.");
            body.put(
                    "translations",
                    Map.of(
                            "cy",
                                    Map.of(
                                            "title",
                                            "  Gweithdy ymchwil  ",
                                            "summary",
                                            "Cynllunio astudiaeth gyda’n gilydd."),
                            "ar", Map.of("title", "ورشة بحث")));
            var id = create(body).get("id").asString();
            post("/api/events/" + id + "/publish", null, null);
            var shown = body(client.get()
                    .uri("/api/events/" + id)
                    .exchange()
                    .expectStatus()
                    .isOk());
            assertThat(shown.get("easyReadSummary").asString()).isEqualTo("We make a plan together.\nThere is pizza.");
            assertThat(shown.get("translations").get("cy").get("title").asString())
                    .isEqualTo("Gweithdy ymchwil");
            assertThat(shown.get("translations").get("cy").get("summary").asString())
                    .isEqualTo("Cynllunio astudiaeth gyda’n gilydd.");
            assertThat(shown.get("translations").get("ar").get("title").asString())
                    .isEqualTo("ورشة بحث");
        }

        @Test
        void onlyWelshAndArabicAreTakenWithinTheirLimitsAndAsPlainTextAndNothingIsStoredOtherwise() {
            var french = workshop("French");
            french.put("translations", Map.of("fr", Map.of("title", "Atelier")));
            // The problem names an unknown field by its own name, as for every other body.
            expectBadField(french, "fr");

            var tooLong = workshop("Too long");
            tooLong.put("translations", Map.of("cy", Map.of("title", "x".repeat(201))));
            expectBadField(tooLong, "translations.cy.title");

            var markup = workshop("Markup");
            markup.put("translations", Map.of("ar", Map.of("summary", "<script>alert(1)</script>")));
            expectBadField(markup, "translations.ar.summary");

            var longEasyRead = workshop("Long Easy Read");
            longEasyRead.put("easyReadSummary", "y".repeat(1_001));
            expectBadField(longEasyRead, "easyReadSummary");

            assertThat(ownEvents()).isEmpty();
        }

        private void expectBadField(Map<String, Object> body, String field) {
            as(org).post()
                    .uri("/api/events")
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[*].field")
                    .value(fields -> assertThat(fields.toString()).contains(field));
        }

        private List<?> ownEvents() {
            return as(org).get()
                    .uri("/api/organisations/" + org + "/events")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(List.class)
                    .returnResult()
                    .getResponseBody();
        }
    }

    @Nested
    class BadInput {

        @Test
        void namesEachBadFieldAndStoresNothing() {
            var body = workshop("x".repeat(201));
            body.put("capacity", 0);
            body.put("timeZone", "Mars/Olympus");
            body.put("description", "y".repeat(20_001));
            as(org).post()
                    .uri("/api/events")
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/invalid-request")
                    .jsonPath("$.errors[*].field")
                    .value(fields -> assertThat(fields.toString()).contains("title", "capacity", "description"));
            var zoneOnly = workshop("Zone only");
            zoneOnly.put("timeZone", "Mars/Olympus");
            expectBadField(zoneOnly, "timeZone");
            assertThat(ownEvents()).isEmpty();
        }

        @Test
        void theGroupLimitIsTwelveUnlessSetAndOneToFifty() {
            assertThat(create(workshop("Default groups")).get("groupLimit").asInt())
                    .isEqualTo(12);
            var small = workshop("Small groups");
            small.put("groupLimit", 4);
            var created = create(small);
            assertThat(created.get("groupLimit").asInt()).isEqualTo(4);
            post("/api/events/" + created.get("id").asString() + "/publish", null, "\"1\"");
            assertThat(body(client.get()
                                    .uri("/api/events/" + created.get("id").asString())
                                    .exchange()
                                    .expectStatus()
                                    .isOk())
                            .get("groupLimit")
                            .asInt())
                    .as("the public view tells the form how many it may add")
                    .isEqualTo(4);
            for (var limit : new int[] {0, 51}) {
                var bad = workshop("Bad groups " + limit);
                bad.put("groupLimit", limit);
                expectBadField(bad, "groupLimit");
            }
        }

        @Test
        void anUnlistedEventIsFoundByItsLinkAndNeverListed() {
            var body = workshop("Unlisted partner session");
            body.put("visibility", "UNLISTED");
            var created = create(body);
            var id = created.get("id").asString();
            assertThat(created.get("visibility").asString()).isEqualTo("UNLISTED");
            post("/api/events/" + id + "/publish", null, "\"1\"");
            var listed = workshop("Listed session");
            var listedId = create(listed).get("id").asString();
            post("/api/events/" + listedId + "/publish", null, "\"1\"");

            var page = client.get()
                    .uri("/api/events?limit=100&q=session")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page).contains(listedId).doesNotContain(id);
            client.get().uri("/api/events/" + id).exchange().expectStatus().isOk();
            assertThat(ownEvents().toString()).contains(id);
            var bad = workshop("Secret session");
            bad.put("visibility", "SECRET");
            expectBadField(bad, "visibility");
        }

        @Test
        void rejectsUnknownFieldsWrongTypesAndBadZonesByName() {
            var unknown = workshop("Unknown field");
            unknown.put("isAdmin", true);
            expectBadField(unknown, "isAdmin");

            var wrongType = workshop("Wrong type");
            wrongType.put("capacity", "lots");
            expectBadField(wrongType, "capacity");

            var badZone = workshop("Bad zone");
            badZone.put("timeZone", "Mars/Olympus");
            expectBadField(badZone, "timeZone");

            var backwards = workshop("Backwards");
            backwards.put("endsAt", inDays(9, 10));
            expectBadField(backwards, "endsAt");

            var both = workshop("Both places");
            both.put("onlineLink", "https://meet.example/x");
            expectBadField(both, "venue");

            var skippedHour = workshop("Skipped hour");
            skippedHour.put("startsAt", "2027-03-28T01:30");
            skippedHour.put("endsAt", "2027-03-28T03:30");
            expectBadField(skippedHour, "startsAt");

            var insecureLink = onlineKeynote("Insecure", "javascript:alert(1)");
            expectBadField(insecureLink, "onlineLink");

            assertThat(ownEvents()).isEmpty();
        }

        @Test
        void answersMalformedJsonWithoutInternals() {
            as(org).post()
                    .uri("/api/events")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"title\": ")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .value(problem -> assertThat(problem)
                            .contains("invalid-request")
                            .doesNotContain("tools.jackson", "Exception", "at ["));
        }

        @Test
        void refusesOversizedBodiesWithAProblemAndStoresNothing() {
            // Valid JSON padded with whitespace: only the size limit can refuse it.
            var huge = "{" + " ".repeat(200_000) + "\"title\": \"Huge\"}";
            as(org).post()
                    .uri("/api/events")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(huge)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(413)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(ownEvents()).isEmpty();
        }

        @Test
        void refusesChangesWithoutAnOrganisersToken() {
            client.post()
                    .uri("/api/events")
                    .bodyValue(workshop("Anonymous"))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void refusesLineBreaksMarkupHiddenDirectionAndZeroWidthCharactersInTitlesAndVenuesAndStoresNothing() {
            for (var hostile : PeoplesText.HOSTILE_SINGLE_LINE) {
                as(org).post()
                        .uri("/api/events")
                        .bodyValue(workshop(hostile))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.errors[0].field")
                        .isEqualTo("title")
                        .jsonPath("$.errors[0].message")
                        .value(message -> assertThat(message.toString())
                                .startsWith("must ")
                                .doesNotContain("Exception"));
                var venue = workshop("Hostile venue");
                @SuppressWarnings("unchecked")
                var place = new java.util.LinkedHashMap<>((Map<String, Object>) venue.get("venue"));
                place.put("name", hostile);
                venue.put("venue", place);
                expectBadField(venue, "venue.name");
            }
            assertThat(ownEvents()).isEmpty();
        }

        @Test
        void acceptsTitlesWithNamesInAnyScriptAndEmoji() {
            for (var name : PeoplesText.REAL_NAMES) {
                assertThat(create(workshop("Workshop with " + name))
                                .get("title")
                                .asString())
                        .isEqualTo("Workshop with " + name);
            }
        }

        private void expectBadField(Map<String, Object> body, String field) {
            as(org).post()
                    .uri("/api/events")
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[*].field")
                    .value(fields -> assertThat(fields.toString()).as(field).contains(field));
        }

        private List<?> ownEvents() {
            return as(org).get()
                    .uri("/api/organisations/" + org + "/events")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(List.class)
                    .returnResult()
                    .getResponseBody();
        }
    }

    @Test
    void countsEventsCreatedPublishedAndCancelled() {
        var before = lifecycleCounts();
        var id = create(workshop("Counted")).get("id").asString();
        post("/api/events/" + id + "/publish", null, null);
        post("/api/events/" + id + "/cancel", Map.of("reason", "Counted and cancelled"), null);
        var after = lifecycleCounts();
        for (var transition : List.of("created", "published", "cancelled")) {
            assertThat(after.getOrDefault(transition, 0.0) - before.getOrDefault(transition, 0.0))
                    .as(transition)
                    .isEqualTo(1.0);
        }
    }

    private Map<String, Double> lifecycleCounts() {
        var scrape = ManagementPort.client(managementPort)
                .get()
                .uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var counts = new java.util.HashMap<String, Double>();
        var sample = java.util.regex.Pattern.compile(
                "convene_events_lifecycle_total\\{[^}]*transition=\"([a-z]+)\"[^}]*} ([0-9.]+)");
        scrape.lines()
                .map(sample::matcher)
                .filter(java.util.regex.Matcher::find)
                .forEach(m -> counts.put(m.group(1), Double.parseDouble(m.group(2))));
        return counts;
    }
}
