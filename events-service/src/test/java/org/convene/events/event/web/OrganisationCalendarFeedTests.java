package org.convene.events.event.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.events.event.web.EventRequestBodies.inDays;
import static org.convene.events.event.web.EventRequestBodies.workshop;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.Events;
import org.convene.events.event.domain.OrganisationId;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organisation's calendar feed ({@code /api/organisations/{id}/events.ics}) as calendar apps read it:
 * parsed with ical4j, its entries the same as each event's own {@code .ics}, and conditional requests.
 */
@IntegrationTest
class OrganisationCalendarFeedTests {

    private final JsonMapper json = JsonMapper.builder().build();
    private final String org = "org-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    WebTestClient client;

    @Autowired
    Events events;

    @BeforeEach
    void registerOrganisation() {
        client.mutate()
                .defaultHeaders(h -> h.setBearerAuth(TestTokens.shared().adminOf("convene-admins")))
                .build()
                .post()
                .uri("/api/organisations")
                .bodyValue(Map.of("id", org, "name", "Voices of Care " + org, "contactEmail", "team@example.org"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void listsOnlyPublicPublishedEventsEachAsItsOwnCalendarEntryIs() throws Exception {
        var later = published(event("Later workshop", 14, "PUBLIC"));
        var next = published(event("Next workshop", 10, "PUBLIC"));
        var unlisted = published(event("Unlisted workshop", 11, "UNLISTED"));
        var inviteOnly = published(event("Invite-only workshop", 12, "INVITE_ONLY"));
        var draft = event("Draft workshop", 13, "PUBLIC");
        var cancelledDraft = event("Cancelled draft", 13, "PUBLIC");
        post("/api/events/" + cancelledDraft + "/cancel", Map.of("reason", "Not needed."));
        var cancelled = published(event("Cancelled workshop", 15, "PUBLIC"));
        post("/api/events/" + cancelled + "/cancel", Map.of("reason", "The venue flooded."));
        var otherOrganisations = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var elsewhere = as(otherOrganisations)
                .post()
                .uri("/api/events")
                .bodyValue(workshop("Someone else's workshop"))
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var elsewhereId = json.readTree(elsewhere).get("id").asString();
        as(otherOrganisations)
                .post()
                .uri("/api/events/" + elsewhereId + "/publish")
                .exchange()
                .expectStatus()
                .isOk();

        var response = client.get()
                .uri("/api/organisations/" + org + "/events.ics")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/calendar;charset=UTF-8")
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300, public")
                .expectHeader()
                .exists(HttpHeaders.ETAG)
                .expectBody(String.class)
                .returnResult();
        var feed = response.getResponseBody();
        var calendar = parse(feed);

        assertThat(calendar.getProperty("X-WR-CALNAME").orElseThrow().getValue())
                .isEqualTo("Voices of Care " + org);
        assertThat(calendar.getProperty("REFRESH-INTERVAL").orElseThrow().getValue())
                .isEqualTo("PT1H");
        assertThat(calendar.getProperty("X-PUBLISHED-TTL").orElseThrow().getValue())
                .isEqualTo("PT1H");
        // The next first; a cancelled event stays, marked cancelled, so subscribed calendars drop it.
        assertThat(uids(calendar)).containsExactly(uid(next), uid(later), uid(cancelled));
        assertThat(feed)
                .doesNotContain(uid(unlisted), uid(inviteOnly), uid(draft), uid(cancelledDraft), uid(elsewhereId));
        assertThat(entry(calendar, cancelled)
                        .getProperty("STATUS")
                        .orElseThrow()
                        .getValue())
                .isEqualTo("CANCELLED");
        assertThat(entry(calendar, next).getProperty("STATUS").orElseThrow().getValue())
                .isEqualTo("CONFIRMED");

        for (var id : List.of(next, later, cancelled)) {
            var own = ics(id);
            var single = entry(parse(own), id);
            var inFeed = entry(calendar, id);
            for (var property :
                    List.of("UID", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "URL", "STATUS")) {
                assertThat(inFeed.getProperty(property))
                        .as(property + " of " + id)
                        .isEqualTo(single.getProperty(property));
            }
            // Line for line the same entry, but for when it was written.
            assertThat(withoutStamp(vevent(feed, id))).isEqualTo(withoutStamp(vevent(own, id)));
        }
    }

    @Test
    void aRescheduleRaisesTheSequenceAndChangesTheEtag() throws Exception {
        var id = published(event("Moving workshop", 10, "PUBLIC"));
        var first = client.get()
                .uri("/api/organisations/" + org + "/events.ics")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        var etag = first.getResponseHeaders().getETag();
        var sequence = Integer.parseInt(entry(parse(first.getResponseBody()), id)
                .getProperty("SEQUENCE")
                .orElseThrow()
                .getValue());

        client.get()
                .uri("/api/organisations/" + org + "/events.ics")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, etag)
                .expectBody()
                .isEmpty();

        post(
                "/api/events/" + id + "/reschedule",
                Map.of("startsAt", inDays(17, 10), "endsAt", inDays(17, 12), "timeZone", "Europe/London"));

        var second = client.get()
                .uri("/api/organisations/" + org + "/events.ics")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        assertThat(second.getResponseHeaders().getETag()).isNotNull().isNotEqualTo(etag);
        var moved = entry(parse(second.getResponseBody()), id);
        assertThat(Integer.parseInt(moved.getProperty("SEQUENCE").orElseThrow().getValue()))
                .isGreaterThan(sequence);
        assertThat(moved.getProperty("DTSTART").orElseThrow().getValue())
                .isEqualTo(entry(parse(ics(id)), id)
                        .getProperty("DTSTART")
                        .orElseThrow()
                        .getValue());
    }

    @Test
    void theNextComeFirstUpToTheLimitAndCancellationsOnlyForAWhile() {
        var third = published(event("Third", 20, "PUBLIC"));
        var first = published(event("First", 10, "PUBLIC"));
        var second = published(event("Second", 11, "PUBLIC"));
        var cancelled = published(event("Called off", 9, "PUBLIC"));
        post("/api/events/" + cancelled + "/cancel", Map.of("reason", "The venue flooded."));
        var now = Instant.now();
        var organisation = new OrganisationId(org);

        assertThat(ids(events.findForCalendarFeed(organisation, now, now.minusSeconds(3600), 2)))
                .containsExactly(cancelled, first);
        // Cancelled before the window: gone.
        assertThat(ids(events.findForCalendarFeed(organisation, now, now.plusSeconds(3600), 500)))
                .containsExactly(first, second, third);
        // Ended: gone.
        assertThat(ids(events.findForCalendarFeed(
                        organisation, now.plus(java.time.Duration.ofDays(15)), now.minusSeconds(3600), 500)))
                .containsExactly(third);
    }

    @Test
    void anEmptyFeedIsStillACalendar() throws Exception {
        var feed = get("/api/organisations/" + org + "/events.ics");
        assertThat(feed).contains("BEGIN:VCALENDAR", "X-WR-CALNAME:Voices of Care " + org);
        assertThat(feed).doesNotContain("BEGIN:VEVENT");
    }

    @Test
    void anUnknownOrganisationIsNotFound() {
        client.get()
                .uri("/api/organisations/no-such-organisation-" + UUID.randomUUID() + "/events.ics")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType("application/problem+json");
    }

    private static List<String> ids(reactor.core.publisher.Flux<Event> found) {
        return found.map(event -> event.id().value()).collectList().block();
    }

    private String event(String title, int inDays, String visibility) {
        var body = workshop(title);
        body.put("startsAt", inDays(inDays, 10));
        body.put("endsAt", inDays(inDays, 12));
        body.put("visibility", visibility);
        var created = as(org).post()
                .uri("/api/events")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return json.readTree(created).get("id").asString();
    }

    private String published(String id) {
        post("/api/events/" + id + "/publish", null);
        return id;
    }

    private JsonNode post(String path, Object body) {
        var request = as(org).post().uri(path);
        var spec = body == null ? request.exchange() : request.bodyValue(body).exchange();
        return json.readTree(spec.expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private String ics(String eventId) {
        return get("/api/events/" + eventId + "/calendar.ics");
    }

    private String get(String path) {
        return client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private WebTestClient as(String organisation) {
        var token = TestTokens.shared().organiserOf(organisation);
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String uid(String eventId) {
        return eventId + "@convene";
    }

    private static List<String> uids(Calendar calendar) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .map(vevent -> vevent.getProperty("UID").orElseThrow().getValue())
                .toList();
    }

    private static VEvent entry(Calendar calendar, String eventId) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(vevent ->
                        vevent.getProperty("UID").orElseThrow().getValue().equals(uid(eventId)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No entry for " + eventId));
    }

    /** The event's VEVENT block as written, folded lines joined. */
    private static List<String> vevent(String ics, String eventId) {
        var lines = ics.replace("\r\n ", "").lines().toList();
        var blocks = String.join("\n", lines).split("BEGIN:VEVENT\n");
        for (var block : blocks) {
            var body = block.substring(0, Math.max(0, block.indexOf("END:VEVENT")));
            if (body.contains("UID:" + uid(eventId) + "\n")) {
                return body.lines().collect(Collectors.toList());
            }
        }
        throw new AssertionError("No VEVENT for " + eventId);
    }

    private static List<String> withoutStamp(List<String> lines) {
        return lines.stream()
                .filter(line -> !line.startsWith("DTSTAMP"))
                .sorted()
                .toList();
    }
}
