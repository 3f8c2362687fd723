package org.convene.registrations.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationsApi;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Support needs tracked until arranged: what is outstanding, arranging once for all who asked, and telling them once. */
@IntegrationTest
class SupportPlanApiTests {

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @Autowired
    org.convene.registrations.support.persistence.SupportGauges gauges;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private final JsonMapper json = JsonMapper.builder().build();

    private RegistrationsApi api() {
        return new RegistrationsApi(client);
    }

    private WebTestClient organiser() {
        return api().organiserOf("org-test");
    }

    private JsonNode plan(String event) {
        return RegistrationsApi.get(organiser(), "/api/events/" + event + "/support-plan");
    }

    private WebTestClient.ResponseSpec arrange(String event, String need, String note) {
        var body = new HashMap<String, Object>();
        body.put("need", need);
        body.put("note", note);
        return organiser()
                .post()
                .uri("/api/events/" + event + "/support-plan/arrangements")
                .bodyValue(body)
                .exchange();
    }

    private static JsonNode need(JsonNode plan, String need) {
        for (var each : plan.get("needs")) {
            if (each.get("need").asString().equals(need)) {
                return each;
            }
        }
        throw new AssertionError("No need " + need + " in " + plan);
    }

    @Test
    void anInterpreterArrangedOnceCoversEveryoneWhoAskedAndEachHearsOnce() throws Exception {
        var event = publishedEvent(kafka, client, 10);
        var asks = person("Asks Own Words", 0);
        asks.put(
                "supportNeeds",
                Map.of("interpreter", "BSL", "access", List.of("STEP_FREE_ACCESS"), "other", "A quiet room at lunch"));
        var first = api().register(event, asks);
        var second = api().register(event, person("Also Signs", 0));
        var none = person("Needs Nothing", 0);
        none.remove("supportNeeds");
        var third = api().register(event, none);

        var before = plan(event);
        assertThat(before.get("outstanding").asInt()).isEqualTo(3);
        assertThat(before.get("daysBefore").asInt()).isEqualTo(7);
        assertThat(Instant.parse(before.get("arrangeBy").asString()))
                .isBefore(Instant.now().plus(Duration.ofDays(8)));
        assertThat(need(before, "INTERPRETER_BSL").get("who"))
                .extracting(JsonNode::asString)
                .containsExactly("Asks Own Words", "Also Signs");
        var own = "OTHER:" + first.get("registrationId").asString();
        assertThat(need(before, own).get("detail").asString()).isEqualTo("A quiet room at lunch");

        try (var recorder = TopicRecorder.record(Topics.REGISTRATIONS)) {
            arrange(event, "INTERPRETER_BSL", "Sam from Signs Ltd will meet you at 9:45.")
                    .expectStatus()
                    .isOk();
            // The same again changes nothing and tells nobody.
            arrange(event, "INTERPRETER_BSL", "Sam from Signs Ltd will meet you at 9:45.")
                    .expectStatus()
                    .isOk();

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(arranged(recorder, event)).hasSize(2));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> arranged(recorder, event).size() == 2);
            assertThat(arranged(recorder, event))
                    .allSatisfy(message -> {
                        assertThat(message.get("arranged").get(0).get("need").asString())
                                .isEqualTo("INTERPRETER_BSL");
                        assertThat(message.toString()).doesNotContain("quiet room");
                    })
                    .extracting(message -> message.get("registrationId").asString())
                    .containsExactlyInAnyOrder(
                            first.get("registrationId").asString(),
                            second.get("registrationId").asString());
        }

        var after = plan(event);
        assertThat(after.get("outstanding").asInt()).isEqualTo(2);
        assertThat(need(after, "INTERPRETER_BSL").get("arranged").asBoolean()).isTrue();
        var theirs = RegistrationsApi.get(client, RegistrationsApi.manage(second) + "/arranged");
        assertThat(theirs.get(0).get("need").asString()).isEqualTo("INTERPRETER_BSL");
        assertThat(theirs.get(0).get("note").asString()).contains("Sam from Signs Ltd");
        assertThat(RegistrationsApi.get(client, RegistrationsApi.manage(third) + "/arranged"))
                .isEmpty();

        // A booking falls through: outstanding again.
        organiser()
                .post()
                .uri("/api/events/" + event + "/support-plan/arrangements/withdraw")
                .bodyValue(Map.of("need", "INTERPRETER_BSL"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.outstanding")
                .isEqualTo(3);
        organiser()
                .put()
                .uri("/api/events/" + event + "/support-plan/deadline")
                .bodyValue(Map.of("daysBefore", 3))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.daysBefore")
                .isEqualTo(3);
    }

    private List<JsonNode> arranged(TopicRecorder recorder, String event) {
        return recorder.withKey(event).stream()
                .map(record -> json.readTree(record.value()))
                .filter(message -> message.get("type").asString().equals("SupportArranged"))
                .toList();
    }

    @Test
    void refusesNeedsNobodyHasBadNotesAndOtherOrganisations() throws Exception {
        var event = publishedEvent(kafka, client, 10);
        api().register(event, person("Signs Too", 0));

        arrange(event, "INTERPRETER_ARABIC", null).expectStatus().isNotFound();
        arrange(event, "not a need", null).expectStatus().isBadRequest();
        arrange(event, "INTERPRETER_BSL", "x".repeat(301)).expectStatus().isBadRequest();
        api().organiserOf("org-other")
                .get()
                .uri("/api/events/" + event + "/support-plan")
                .exchange()
                .expectStatus()
                .isNotFound();
        organiser()
                .put()
                .uri("/api/events/" + event + "/support-plan/deadline")
                .bodyValue(Map.of("daysBefore", 61))
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(plan(event).get("outstanding").asInt()).isEqualTo(2);

        gauges.refresh().block(Duration.ofSeconds(30));
        assertThat(meters.get("convene.support.needs.outstanding")
                        .tag("event", event)
                        .gauge()
                        .value())
                .isEqualTo(2.0);
    }
}
