package org.convene.registrations.registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.registrations.registration.RegistrationFixtures.invitation;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessage.Visibility;
import org.convene.registrations.registration.RegistrationFixtures;
import org.convene.registrations.registration.RegistrationsApi;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Partner sessions (ADR 13): invite-only events, invitation codes, and places held for a partner. */
@IntegrationTest
class InvitationsApiTests {

    private static final String COUNCIL_CODE = "Cou_ncil-code-0123456A";
    private static final String OTHER_CODE = "Other-code-abcdefghijk";

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @Autowired
    ReactiveMongoTemplate mongo;

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    private RegistrationsApi api() {
        return new RegistrationsApi(client);
    }

    private static Map<String, Object> with(Map<String, Object> body, String code) {
        var copy = new HashMap<>(body);
        copy.put("invitation", code);
        return copy;
    }

    private WebTestClient.ResponseSpec post(String event, Map<String, Object> body) {
        return client.post()
                .uri("/api/events/" + event + "/registrations")
                .bodyValue(body)
                .exchange();
    }

    private long stored(String event) {
        return mongo.count(
                        new org.springframework.data.mongodb.core.query.Query(
                                org.springframework.data.mongodb.core.query.Criteria.where("eventId")
                                        .is(event)),
                        "registrations")
                .block();
    }

    @Nested
    class InviteOnly {

        @Test
        void isNotFoundWithoutOneOfItsCodesAndNothingIsStored() throws Exception {
            var event = publishedEvent(
                    kafka,
                    client,
                    10,
                    Visibility.INVITE_ONLY,
                    List.of(invitation("council", COUNCIL_CODE, 0, null)),
                    COUNCIL_CODE);

            post(event, person("No Code", 0)).expectStatus().isNotFound();
            post(event, with(person("Wrong Code", 0), OTHER_CODE))
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.type")
                    .value(type -> assertThat(type.toString()).endsWith("not-found"));
            post(event, with(person("Bad Code", 0), "not a code"))
                    .expectStatus()
                    .isBadRequest();
            client.get()
                    .uri("/api/events/" + event + "/availability")
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            client.get()
                    .uri("/api/events/availability?ids=" + event)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .json("[]");
            assertThat(stored(event)).isZero();

            var registered = api().register(event, with(person("Invited Person", 0), COUNCIL_CODE));
            assertThat(registered.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(stored(event)).isOne();
            var rows = RegistrationsApi.get(api().organiserOf("org-test"), "/api/events/" + event + "/registrations");
            assertThat(rows.get(0).get("invitation").asString()).isEqualTo("Rutland County Council");
            // Their own page says what the event is: the pages cannot read it without the code.
            var own = RegistrationsApi.get(client, RegistrationsApi.manage(registered));
            assertThat(own.get("event").get("title").asString()).isEqualTo("Workshop");
            assertThat(own.get("event").get("timeZone").asString()).isEqualTo("Europe/London");
            assertThat(own.toString()).doesNotContain("onlineLink");
        }

        @Test
        void aRevokedCodeStopsNewRegistrationsAndKeepsThoseMade() throws Exception {
            var event = publishedEvent(
                    kafka,
                    client,
                    10,
                    Visibility.INVITE_ONLY,
                    List.of(invitation("council", COUNCIL_CODE, 0, null), invitation("other", OTHER_CODE, 0, null)),
                    COUNCIL_CODE);
            var made = api().register(event, with(person("Before Revoking", 0), COUNCIL_CODE));

            kafka.send(
                            Topics.EVENTS,
                            event,
                            RegistrationFixtures.event(
                                    event,
                                    2,
                                    10,
                                    EventMessage.Status.PUBLISHED,
                                    "org-test",
                                    null,
                                    Visibility.INVITE_ONLY,
                                    List.of(invitation("other", OTHER_CODE, 0, null))))
                    .get();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> post(event, with(person("After Revoking", 0), COUNCIL_CODE))
                                    .returnResult(String.class)
                                    .getStatus()
                                    .value()
                            == 404);

            var kept = RegistrationsApi.get(client, RegistrationsApi.manage(made));
            assertThat(kept.get("status").asString()).isEqualTo("CONFIRMED");
            var rows = RegistrationsApi.get(api().organiserOf("org-test"), "/api/events/" + event + "/registrations");
            assertThat(rows.get(0).get("invitation").asString()).isEqualTo("a revoked invitation");
            assertThat(api().register(event, with(person("Other Partner", 0), OTHER_CODE))
                            .get("status")
                            .asString())
                    .isEqualTo("CONFIRMED");
        }
    }

    @Test
    void aCodeOfAnotherEventIsNotFoundEvenForAPublicEvent() throws Exception {
        publishedEvent(
                kafka,
                client,
                10,
                Visibility.PUBLIC,
                List.of(invitation("council", COUNCIL_CODE, 0, null)),
                COUNCIL_CODE);
        var other = publishedEvent(kafka, client, 10);

        post(other, with(person("Wrong Event", 0), COUNCIL_CODE)).expectStatus().isNotFound();
        assertThat(stored(other)).isZero();
    }

    @Nested
    class HeldPlaces {

        /**
         * 30 places, 10 held for the council: 40 people without the invitation race 15 with it, those
         * without sent first. Everyone else gets at most the 20 not held; the council gets its 10, and
         * never more than 10 from its held places. The control is the same race with nothing held:
         * those sent first take more than 20, so the rule, not the order, keeps the council's places.
         */
        @Test
        void othersNeverTakeThePlacesHeldForAPartnerUnderARace() throws Exception {
            var held = race(10);
            assertThat(held.general()).isLessThanOrEqualTo(20);
            assertThat(held.council()).isGreaterThanOrEqualTo(10);
            assertThat(held.general() + held.council()).isLessThanOrEqualTo(30);
            assertThat(held.fromHeldPlaces()).isEqualTo(10);

            var control = race(0);
            assertThat(control.general()).as("without places held").isGreaterThan(20);
        }

        record Confirmed(int general, int council, int fromHeldPlaces) {}

        private Confirmed race(int seatsHeld) throws Exception {
            var event = publishedEvent(
                    kafka,
                    client,
                    30,
                    Visibility.PUBLIC,
                    List.of(invitation("council", COUNCIL_CODE, seatsHeld, null)),
                    COUNCIL_CODE);
            var bodies = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < 40; i++) {
                bodies.add(person("General Racer " + i, 0));
            }
            for (int i = 0; i < 15; i++) {
                bodies.add(with(person("Council Racer " + i, 0), COUNCIL_CODE));
            }
            var web = WebClient.create("http://127.0.0.1:" + port);
            var answers = Flux.fromIterable(bodies)
                    .flatMap(
                            body -> web.post()
                                    .uri("/api/events/" + event + "/registrations")
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(body)
                                    .retrieve()
                                    .bodyToMono(String.class)
                                    .map(json::readTree),
                            16)
                    .collectList()
                    .block(Duration.ofSeconds(120));
            int general = 0;
            int council = 0;
            for (JsonNode answer : answers) {
                var state = RegistrationsApi.get(client, RegistrationsApi.manage(answer));
                if (state.get("status").asString().equals("CONFIRMED")) {
                    if (state.get("attendeeName").asString().startsWith("Council")) {
                        council++;
                    } else {
                        general++;
                    }
                }
            }
            var ledger = mongo.findById(event, Document.class, "seat_ledgers").block();
            var byInvitation = ledger.get("seatsTakenByInvitation", Document.class);
            var fromHeld = byInvitation == null ? 0 : byInvitation.getInteger("council", 0);
            assertThat(ledger.getInteger("seatsTaken")).isEqualTo(general + council);
            return new Confirmed(general, council, fromHeld);
        }

        @Test
        void thoseWithTheInvitationSeeTheHeldPlacesAndOthersDoNot() throws Exception {
            var event = publishedEvent(
                    kafka,
                    client,
                    12,
                    Visibility.PUBLIC,
                    List.of(invitation("council", COUNCIL_CODE, 10, null)),
                    COUNCIL_CODE);
            assertThat(api().availability(event).get("seatsLeft").asInt()).isEqualTo(2);
            assertThat(RegistrationsApi.get(client, "/api/events/" + event + "/availability?invitation=" + COUNCIL_CODE)
                            .get("seatsLeft")
                            .asInt())
                    .isEqualTo(10);
        }

        @Test
        void unusedHeldPlacesReturnToGeneralSaleAtTheReleaseDateAndServeTheQueue() throws Exception {
            var event = publishedEvent(
                    kafka,
                    client,
                    4,
                    Visibility.PUBLIC,
                    List.of(invitation("council", COUNCIL_CODE, 3, Instant.now().plusSeconds(4))),
                    COUNCIL_CODE);
            var first = api().register(event, person("Takes The Free Place", 0));
            assertThat(first.get("status").asString()).isEqualTo("CONFIRMED");
            var waiting = api().register(event, person("Waits For Release", 1));
            assertThat(waiting.get("status").asString()).isEqualTo("WAITLISTED");

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(RegistrationsApi.get(client, RegistrationsApi.manage(waiting))
                                    .get("status")
                                    .asString())
                            .isEqualTo("CONFIRMED"));
        }
    }
}
