package org.convene.registrations.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.registrations.registration.RegistrationFixtures.event;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The place in the queue a person is told, in the answer, in the RegistrationWaitlisted message
 * and on their manage link. Under a real race (sixty people of one seat each registering at once
 * for two seats, nobody leaving meanwhile) the places told must be exactly 1..58, each the place
 * the queue keeps for that person, and the queue must then be served in that order. Later, a place
 * improves as people ahead leave.
 */
@IntegrationTest
class WaitlistPositionTests {

    private static final int SEATS = 2;
    private static final int PEOPLE = 60;

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @LocalServerPort
    int port;

    @RepeatedTest(3)
    void sixtyAtOnceForTwoSeatsAreToldDistinctPlacesThatTheQueueKeepsAndServes() throws Exception {
        try (var recorder = TopicRecorder.record(Topics.REGISTRATIONS)) {
            var event = publishedEvent(kafka, client, SEATS);
            var answers = race(event);

            assertThat(answers).hasSize(PEOPLE).allMatch(a -> a.has("status"), "every request answered");
            assertThat(answers.stream().filter(a -> status(a).equals("CONFIRMED")))
                    .hasSize(SEATS);
            var waitlisted =
                    answers.stream().filter(a -> status(a).equals("WAITLISTED")).toList();
            var told = new HashMap<String, Integer>();
            waitlisted.forEach(a -> told.put(
                    a.get("registrationId").asString(),
                    a.get("waitlistPosition").asInt()));
            var byId = new HashMap<String, JsonNode>();
            waitlisted.forEach(a -> byId.put(a.get("registrationId").asString(), a));
            // The queue as stored: the place each manage link shows.
            var shown = new HashMap<String, Integer>();
            byId.forEach((id, answer) ->
                    shown.put(id, manage(answer).get("waitlistPosition").asInt()));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            assertThat(waitlistedMessages(recorder, event)).hasSize(PEOPLE - SEATS));
            var announced = waitlistedMessages(recorder, event);

            var places = IntStream.rangeClosed(1, PEOPLE - SEATS).boxed().toList();
            var soft = new SoftAssertions();
            soft.assertThat(shown.values().stream().sorted().toList())
                    .as("places the manage links show")
                    .containsExactlyElementsOf(places);
            soft.assertThat(told.values().stream().sorted().toList())
                    .as(
                            "places told in the answers: %d of %d carry a place another answer also carries",
                            sharing(told), told.size())
                    .containsExactlyElementsOf(places);
            soft.assertThat(told)
                    .as(
                            "places told in the answers against the queue: %d of %d differ",
                            differing(told, shown), told.size())
                    .isEqualTo(shown);
            soft.assertThat(announced)
                    .as(
                            "places in the RegistrationWaitlisted messages against the queue: %d of %d differ, %d"
                                    + " carry a place another message also carries",
                            differing(announced, shown), announced.size(), sharing(announced))
                    .isEqualTo(shown);
            soft.assertAll();

            // Three more seats serve exactly the first three places; everyone else moves up by three.
            kafka.send(Topics.EVENTS, event, event(event, 2, SEATS + 3, EventMessage.Status.PUBLISHED))
                    .get();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (var entry : byId.entrySet()) {
                    var place = shown.get(entry.getKey());
                    var view = manage(entry.getValue());
                    if (place <= 3) {
                        assertThat(status(view))
                                .as("place %d in the queue", place)
                                .isEqualTo("CONFIRMED");
                    } else {
                        assertThat(status(view))
                                .as("place %d in the queue", place)
                                .isEqualTo("WAITLISTED");
                        assertThat(view.get("waitlistPosition").asInt())
                                .as("place %d in the queue, after three were served", place)
                                .isEqualTo(place - 3);
                    }
                }
            });
        }
    }

    @Test
    void aPlaceImprovesAsPeopleAheadLeaveAndTheQueueIsServedInOrder() throws Exception {
        var event = publishedEvent(kafka, client, 1);
        var going = register(event, "Going Ahead");
        var first = register(event, "First Waiting");
        var second = register(event, "Second Waiting");
        var third = register(event, "Third Waiting");
        assertThat(List.of(first, second, third))
                .extracting(r -> r.get("waitlistPosition").asInt())
                .containsExactly(1, 2, 3);

        cancel(second);
        assertThat(manage(first).get("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(manage(third).get("waitlistPosition").asInt()).isEqualTo(2);
        assertThat(status(manage(second))).isEqualTo("CANCELLED");
        assertThat(manage(second).path("waitlistPosition").isIntegralNumber())
                .as("a cancelled registration has no place")
                .isFalse();
        assertThat(availability(event).get("waiting").asInt()).isEqualTo(2);

        cancel(going);
        assertThat(status(manage(first))).isEqualTo("CONFIRMED");
        assertThat(manage(third).get("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(availability(event).get("waiting").asInt()).isEqualTo(1);
    }

    private JsonNode register(String event, String name) {
        return json.readTree(client.post()
                .uri("/api/events/" + event + "/registrations")
                .bodyValue(person(name, 0))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private void cancel(JsonNode registration) {
        client.post()
                .uri("/api/registrations"
                        + URI.create(registration.get("manageLink").asString()).getPath() + "/cancel")
                .exchange()
                .expectStatus()
                .isOk();
    }

    private JsonNode availability(String event) {
        return json.readTree(client.get()
                .uri("/api/events/" + event + "/availability")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private List<JsonNode> race(String event) {
        // As many connections as people, so all of them are really in flight at once.
        var connections = ConnectionProvider.builder("waitlist-race")
                .maxConnections(PEOPLE)
                .build();
        try {
            var web = WebClient.builder()
                    .baseUrl("http://127.0.0.1:" + port)
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                    .build();
            return Flux.range(0, PEOPLE)
                    .flatMap(
                            i -> web.post()
                                    .uri("/api/events/" + event + "/registrations")
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(person("Queuer " + i, 0))
                                    .retrieve()
                                    .bodyToMono(String.class)
                                    .map(json::readTree),
                            PEOPLE)
                    .collectList()
                    .block(Duration.ofSeconds(120));
        } finally {
            connections.dispose();
        }
    }

    private static long sharing(Map<String, Integer> places) {
        var counts = places.values().stream().collect(Collectors.groupingBy(p -> p, Collectors.counting()));
        return places.values().stream().filter(p -> counts.get(p) > 1).count();
    }

    private static long differing(Map<String, Integer> places, Map<String, Integer> queue) {
        return places.entrySet().stream()
                .filter(e -> !e.getValue().equals(queue.get(e.getKey())))
                .count();
    }

    private Map<String, Integer> waitlistedMessages(TopicRecorder recorder, String event) {
        var places = new HashMap<String, Integer>();
        recorder.withKey(event).stream()
                .map(received -> json.readTree(received.value()))
                .filter(message -> message.get("type").asString().equals("RegistrationWaitlisted"))
                .forEach(message -> places.put(
                        message.get("registrationId").asString(),
                        message.get("waitlistPosition").asInt()));
        return places;
    }

    private JsonNode manage(JsonNode registration) {
        return json.readTree(client.get()
                .uri("/api/registrations"
                        + URI.create(registration.get("manageLink").asString()).getPath())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private static String status(JsonNode registration) {
        return registration.get("status").asString();
    }
}
