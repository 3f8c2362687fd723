package org.convene.registrations.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.registrations.registration.RegistrationFixtures.person;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.registrations.registration.RegistrationsApi;
import org.convene.registrations.support.domain.SupportDigestStore;
import org.convene.registrations.support.domain.SupportDigests;
import org.convene.registrations.support.domain.SupportPlanService;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily digest of support still to arrange (issue 19): one message per organisation and day on
 * convene.support.v1, naming the events within the deadline with what is outstanding as codes and counts,
 * whoever runs the job and however often; nothing for an organisation with nothing outstanding.
 *
 * <p>The job is run as at a chosen moment ({@code run(now)}), weeks ahead, with the events placed around
 * it: the job the application runs on the real clock never reaches these events, nor these days.
 */
@IntegrationTest
class SupportDigestTests {

    private static final Path SAMPLE = Path.of("")
            .toAbsolutePath()
            .getParent()
            .resolve("docs/messages/convene.support.v1/SupportOutstanding.json");

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @Autowired
    SupportDigests digests;

    @Autowired
    SupportDigestStore store;

    @Autowired
    SupportPlanService plans;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String organisation = "org-digest-" + tag;
    private final String quiet = "org-quiet-" + tag;

    /** 18:00 UTC, 40 days from now: the start of the first event. */
    private final Instant base =
            LocalDate.now(ZoneOffset.UTC).plusDays(40).atTime(18, 0).toInstant(ZoneOffset.UTC);

    /** Five days before the first event, two days after its deadline (7 days before): after the digest's hour. */
    private final Instant now = base.minus(Duration.ofDays(5));

    private final String date = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();

    @Test
    void oneDigestPerOrganisationAndDayNamesTheEventsWithinTheDeadlineWithCodesAndCounts() throws Exception {
        var first = event(organisation, "Peer research evening", base);
        register(first, person("Dana Signs", 0));
        register(first, person("Eli Signs", 0));
        var ownWords = person("Fay Words", 0);
        ownWords.put("supportNeeds", Map.of("other", "A quiet room at lunch"));
        register(first, ownWords);
        arrange(organisation, first, "STEP_FREE_ACCESS");

        // Its deadline is today: in the digest.
        var second = event(organisation, "Training day", base.plus(Duration.ofDays(2)));
        register(second, person("Gus Steps", 0));

        // Everything arranged: not in the digest.
        var arranged = event(organisation, "All arranged", base.plus(Duration.ofDays(1)));
        register(arranged, person("Hal Done", 0));
        arrange(organisation, arranged, "INTERPRETER_BSL");
        arrange(organisation, arranged, "STEP_FREE_ACCESS");

        // Its deadline is weeks away: not yet.
        var later = event(organisation, "Far ahead", base.plus(Duration.ofDays(30)));
        register(later, person("Ivy Later", 0));

        // An organisation with nothing outstanding hears nothing.
        var calm = event(quiet, "Nothing to arrange", base);
        var needsNothing = person("Jo Nothing", 0);
        needsNothing.remove("supportNeeds");
        register(calm, needsNothing);
        var allDone = event(quiet, "Done in time", base.plus(Duration.ofDays(1)));
        register(allDone, person("Kim Done", 0));
        arrange(quiet, allDone, "INTERPRETER_BSL");
        arrange(quiet, allDone, "STEP_FREE_ACCESS");

        try (var recorder = TopicRecorder.record(Topics.SUPPORT)) {
            // Before the hour (08:00 UTC) of the same day: nothing, and the day is not claimed.
            digests.run(now.truncatedTo(ChronoUnit.DAYS)
                            .plus(Duration.ofHours(7).plusMinutes(59)))
                    .block(Duration.ofMinutes(1));
            assertThat(store.claimed(organisation, date).block()).isFalse();

            // Two instances at once, then again, then later the same day: one digest.
            var other = new SupportDigests(
                    store, plans, Clock.systemUTC(), ZoneOffset.UTC, 8, Duration.ofDays(7), new SimpleMeterRegistry());
            Mono.when(digests.run(now), other.run(now)).block(Duration.ofMinutes(1));
            digests.run(now).block(Duration.ofMinutes(1));
            other.run(now.plus(Duration.ofHours(3))).block(Duration.ofMinutes(1));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> digestsOf(recorder, organisation).size() == 1);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> digestsOf(recorder, organisation).size() == 1);
            assertThat(digestsOf(recorder, quiet)).isEmpty();

            var digest = digestsOf(recorder, organisation).getFirst();
            assertThat(digest.get("type").asString()).isEqualTo("SupportOutstanding");
            assertThat(digest.get("organisationId").asString()).isEqualTo(organisation);
            assertThat(digest.get("date").asString()).isEqualTo(date);
            var events = digest.get("events");
            assertThat(events).hasSize(2);

            var evening = events.get(0);
            assertThat(evening.get("eventId").asString()).isEqualTo(first);
            assertThat(evening.get("title").asString()).isEqualTo("Peer research evening");
            assertThat(evening.get("timeZone").asString()).isEqualTo("Europe/London");
            assertThat(Instant.parse(evening.get("startsAt").asString())).isEqualTo(base);
            assertThat(Instant.parse(evening.get("arrangeBy").asString())).isEqualTo(base.minus(Duration.ofDays(7)));
            assertThat(needs(evening)).containsExactly(Map.entry("INTERPRETER_BSL", 2), Map.entry("OTHER", 1));

            var training = events.get(1);
            assertThat(training.get("eventId").asString()).isEqualTo(second);
            assertThat(needs(training))
                    .containsExactly(Map.entry("INTERPRETER_BSL", 1), Map.entry("STEP_FREE_ACCESS", 1));

            // Codes and counts only: nobody's name, nobody's words.
            assertThat(digest.toString()).doesNotContain("Dana", "Eli", "Fay", "Gus", "quiet room", "@example.org");
            // The producer's side of the contract: exactly the sample's fields.
            assertThat(fieldPaths(digest)).isEqualTo(fieldPaths(json.readTree(Files.readString(SAMPLE))));
        }
    }

    private List<JsonNode> digestsOf(TopicRecorder recorder, String organisationId) {
        return recorder.withKey(organisationId).stream()
                .map(record -> json.readTree(record.value()))
                .filter(message -> message.get("date").asString().equals(date))
                .toList();
    }

    private static List<Map.Entry<String, Integer>> needs(JsonNode event) {
        var needs = new java.util.ArrayList<Map.Entry<String, Integer>>();
        for (var need : event.get("outstanding")) {
            needs.add(Map.entry(need.get("need").asString(), need.get("people").asInt()));
        }
        return needs;
    }

    private void register(String event, Map<String, Object> body) {
        new RegistrationsApi(client).register(event, body);
    }

    private void arrange(String organisationId, String event, String need) {
        var body = new HashMap<String, Object>();
        body.put("need", need);
        new RegistrationsApi(client)
                .organiserOf(organisationId)
                .post()
                .uri("/api/events/" + event + "/support-plan/arrangements")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** Publishes an event of the organisation starting at {@code start} and waits until this service has it. */
    private String event(String organisationId, String title, Instant start) throws Exception {
        var eventId = UUID.randomUUID().toString();
        var message = new EventMessage(
                UUID.randomUUID(),
                EventMessageType.EventPublished,
                Instant.now(),
                eventId,
                1,
                organisationId,
                EventMessage.Status.PUBLISHED,
                title,
                start,
                start.plus(Duration.ofHours(3)),
                "Europe/London",
                20,
                2,
                Instant.now().minus(Duration.ofHours(1)),
                start,
                null,
                true,
                null,
                List.of("BSL"),
                null,
                null,
                null,
                null);
        kafka.send(Topics.EVENTS, eventId, message).get();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get()
                        .uri("/api/events/" + eventId + "/availability")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .is2xxSuccessful());
        return eventId;
    }

    private static Set<String> fieldPaths(JsonNode node) {
        var paths = new TreeSet<String>();
        collect("", node, paths);
        return paths;
    }

    /** Object fields by path; an array's elements share their array's path. */
    private static void collect(String prefix, JsonNode node, Set<String> paths) {
        if (node.isArray()) {
            for (var element : node) {
                collect(prefix + "[]", element, paths);
            }
            return;
        }
        if (node.isObject()) {
            Iterator<String> names = node.propertyNames().iterator();
            while (names.hasNext()) {
                var name = names.next();
                var path = prefix.isEmpty() ? name : prefix + "." + name;
                paths.add(path);
                collect(path, node.get(name), paths);
            }
        }
    }
}
