package org.convene.registrations.registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;

import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.IntStream;
import org.convene.contracts.events.EventMessage;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/events/availability?ids=…}: several events' seats in one call, the same numbers as
 * each event's own {@code /availability}, in the order asked, unknown events left out; too many ids
 * or none is a 400 problem naming the {@code ids} field. (Who may call it: the authorization matrix.)
 */
@IntegrationTest
class BatchAvailabilityApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    /** The caller: an organiser's token, so this test holds with or without the public rule. */
    private final String token = TestTokens.shared().organiserOf("org-test");

    @Test
    void answersEachKnownEventWithTheNumbersOfItsOwnAvailabilityInTheOrderAsked() throws Exception {
        var full = publishedEvent(kafka, client, 2);
        var roomy = publishedEvent(kafka, client, 30);
        register(full, person("Ada Lovelace", 1));
        register(full, person("Grace Hopper", 0));
        register(roomy, person("Katherine Johnson", 0));
        var unknown = UUID.randomUUID().toString();

        var batch = get("/api/events/availability?ids=" + roomy + "," + unknown + "," + full + "," + roomy);

        assertThat(batch.isArray()).isTrue();
        assertThat(batch.size()).as("unknown left out, repeats once").isEqualTo(2);
        assertThat(batch.get(0)).isEqualTo(get("/api/events/" + roomy + "/availability"));
        assertThat(batch.get(1)).isEqualTo(get("/api/events/" + full + "/availability"));
        assertThat(batch.get(1).get("seatsTaken").asInt()).isEqualTo(2);
        assertThat(batch.get(1).get("waiting").asInt()).isEqualTo(1);
        assertThat(batch.get(0).get("seatsLeft").asInt()).isEqualTo(29);
    }

    @Test
    void idsMayAlsoComeAsRepeatedParameters() throws Exception {
        var one = publishedEvent(kafka, client, 5);
        var two = publishedEvent(kafka, client, 6);

        var batch = get("/api/events/availability?ids=" + one + "&ids=" + two);

        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.get(0).get("eventId").asString()).isEqualTo(one);
        assertThat(batch.get(1).get("capacity").asInt()).isEqualTo(6);
    }

    @Test
    void fiftyEventsAreAllowedAndMoreAreRefusedWith400() {
        var fifty = IntStream.range(0, 50).mapToObj(i -> "e-" + i).toList();
        assertThat(get("/api/events/availability?ids=" + String.join(",", fifty))
                        .size())
                .as("none of them known")
                .isZero();

        var fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add("e-50");
        expectInvalidIds("/api/events/availability?ids=" + String.join(",", fiftyOne));
    }

    @Test
    void noIdsOrAnOversizedIdIsRefusedWith400() {
        expectInvalidIds("/api/events/availability");
        expectInvalidIds("/api/events/availability?ids=");
        expectInvalidIds("/api/events/availability?ids=, ,");
        expectInvalidIds("/api/events/availability?ids=" + "x".repeat(101));
    }

    private void expectInvalidIds(String uri) {
        client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("ids");
    }

    private JsonNode get(String uri) {
        return JSON.readTree(client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private void register(String eventId, java.util.Map<String, Object> body) {
        client.post()
                .uri("/api/events/" + eventId + "/registrations")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated();
    }
}
