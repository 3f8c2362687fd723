package org.convene.registrations.registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.registrations.registration.RegistrationFixtures.attendeeOf;
import static org.convene.registrations.registration.RegistrationFixtures.event;
import static org.convene.registrations.registration.RegistrationFixtures.group;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationRace;
import org.convene.registrations.registration.RegistrationsApi;
import org.convene.testing.IntegrationTest;
import org.convene.testing.ManagementPort;
import org.convene.testing.PeoplesText;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class RegistrationsApiTests {

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    JsonNode register(String eventId, Map<String, Object> body) {
        return new RegistrationsApi(client).register(eventId, body);
    }

    JsonNode manage(JsonNode registration) {
        return RegistrationsApi.get(client, path(registration));
    }

    JsonNode availability(String eventId) {
        return new RegistrationsApi(client).availability(eventId);
    }

    static String path(JsonNode registration) {
        return RegistrationsApi.manage(registration);
    }

    @Nested
    class CapacityAndWaitlist {

        @Test
        void confirmsUntilFullThenWaitlistsAndLetsASmallerPartyUseSeatsTheHeadCannot() throws Exception {
            var event = publishedEvent(kafka, client, 3);
            var first = register(event, person("Ada Lovelace", 1));
            assertThat(first.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(first.get("seats").asInt()).isEqualTo(2);

            var second = register(event, person("Grace Hopper", 1));
            assertThat(second.get("status").asString()).isEqualTo("WAITLISTED");
            assertThat(second.get("waitlistPosition").asInt()).isEqualTo(1);

            // One seat left: the head (two seats) cannot use it, the single person behind can.
            var third = register(event, person("Katherine Johnson", 0));
            assertThat(third.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(manage(second).get("waitlistPosition").asInt()).isEqualTo(1);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(3);
        }

        @Test
        void cancellingPromotesTheWaitingPartyWholeNeverSplit() throws Exception {
            var event = publishedEvent(kafka, client, 4);
            var big = register(event, person("Big Party", 2));
            var waiting = register(event, person("Second Party", 2));
            assertThat(waiting.get("status").asString()).isEqualTo("WAITLISTED");
            var single = register(event, person("Solo Person", 0));
            assertThat(single.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(manage(waiting).get("status").asString())
                    .as("3 seats cannot fit in 0")
                    .isEqualTo("WAITLISTED");

            client.post().uri(path(big) + "/cancel").exchange().expectStatus().isOk();

            var promoted = manage(waiting);
            assertThat(promoted.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(promoted.get("seats").asInt()).isEqualTo(3);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(4);
            assertThat(availability(event).get("waiting").asInt()).isZero();
        }

        @Test
        void moreCapacityPromotesTheWaitingInOrder() throws Exception {
            var event = publishedEvent(kafka, client, 1);
            register(event, person("First Come", 0));
            var second = register(event, person("Second Come", 0));
            var third = register(event, person("Third Come", 0));
            kafka.send(Topics.EVENTS, event, event(event, 2, 2, EventMessage.Status.PUBLISHED))
                    .get();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() ->
                            assertThat(manage(second).get("status").asString()).isEqualTo("CONFIRMED"));
            assertThat(manage(third).get("status").asString()).isEqualTo("WAITLISTED");
            assertThat(manage(third).get("waitlistPosition").asInt()).isEqualTo(1);
        }

        @Test
        void thePersonChangesTheirSupportNeedsFromTheirLink() throws Exception {
            var event = publishedEvent(kafka, client, 3);
            var registration = register(event, person("Changing Needs", 0));
            var changed = json.readTree(client.put()
                    .uri(path(registration) + "/support-needs")
                    .bodyValue(Map.of("interpreter", "pl", "access", List.of("EASY_READ")))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody());
            assertThat(changed.get("supportRequested").valueStream().map(JsonNode::asString))
                    .containsExactly("INTERPRETER_PL", "EASY_READ");
            client.put()
                    .uri(path(registration) + "/support-needs")
                    .bodyValue(Map.of("other", "x".repeat(1_001)))
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
        }

        @Test
        void cancellingTwiceChangesNothingMore() throws Exception {
            var event = publishedEvent(kafka, client, 5);
            var registration = register(event, person("Twice Cancelled", 1));
            client.post()
                    .uri(path(registration) + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isOk();
            client.post()
                    .uri(path(registration) + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(availability(event).get("seatsTaken").asInt()).isZero();
        }
    }

    @Nested
    class Race {

        @Test
        void twoHundredConcurrentPartiesNeverOverbookFiftySeatsAndQueueWithoutGaps() throws Exception {
            var event = publishedEvent(kafka, client, 50);
            var results = race(event, 200);

            assertThat(results).allMatch(r -> r.has("status"), "every request answered with a registration");
            var views = results.stream().map(RegistrationsApiTests.this::manage).toList();
            var confirmedSeats = views.stream()
                    .filter(v -> v.get("status").asString().equals("CONFIRMED"))
                    .mapToInt(v -> v.get("seats").asInt())
                    .sum();
            assertThat(confirmedSeats).isEqualTo(50);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(50);
            var positions = views.stream()
                    .filter(v -> v.get("status").asString().equals("WAITLISTED"))
                    .map(v -> v.get("waitlistPosition").asInt())
                    .sorted()
                    .toList();
            assertThat(positions).isNotEmpty();
            assertThat(positions)
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, positions.size())
                            .boxed()
                            .toList());
        }

        private List<JsonNode> race(String event, int parties) {
            return RegistrationRace.run(port, event, parties, 64);
        }
    }

    @Nested
    class Metrics {

        @Test
        void countsOutcomesAndShowsSeatsLeftAndWaitlistPerEvent() throws Exception {
            var event = publishedEvent(kafka, client, 1);
            register(event, person("Metric One", 0));
            register(event, person("Metric Two", 0));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(scrape())
                            .containsPattern("convene_registrations_total\\{[^}]*outcome=\"confirmed\"[^}]*} [1-9]")
                            .containsPattern("convene_registrations_total\\{[^}]*outcome=\"waitlisted\"[^}]*} [1-9]")
                            .containsPattern("convene_event_seats_available\\{[^}]*event=\"" + event + "\"[^}]*} 0\\.0")
                            .containsPattern(
                                    "convene_event_waitlist_length\\{[^}]*event=\"" + event + "\"[^}]*} 1\\.0"));
        }

        private String scrape() {
            return ManagementPort.client(managementPort)
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aRetryWithTheSameKeyGetsTheSameRegistrationAndLink() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var body = person("Retry Person", 0);
            var first = keyed(event, body, "key-123");
            var again = keyed(event, body, "key-123");
            assertThat(again.get("registrationId")).isEqualTo(first.get("registrationId"));
            assertThat(again.get("manageLink")).isEqualTo(first.get("manageLink"));
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(1);
        }

        @Test
        void theSamePersonTwiceIsAConflictNamingTheRegistration() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var first = register(event, person("Sam Carer", 0));
            var again = person("  sam   CARER ", 0);
            attendeeOf(again).put("email", "SAM.CARER@example.org");
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .bodyValue(again)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectBody()
                    .jsonPath("$.registrationId")
                    .isEqualTo(first.get("registrationId").asString());
        }

        @Test
        void aCarerAndAYoungPersonMayShareAnEmailAddress() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var youngPerson = person("Jo Young", 0);
            var carer = person("Pat Carer", 0);
            attendeeOf(carer).put("email", attendeeOf(youngPerson).get("email"));
            attendeeOf(carer).put("role", "CARER");
            register(event, youngPerson);
            register(event, carer);
        }

        @Test
        void redeliveredAndOutOfOrderEventMessagesChangeNothing() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            kafka.send(Topics.EVENTS, event, event(event, 3, 20, EventMessage.Status.PUBLISHED))
                    .get();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(availability(event).get("capacity").asInt())
                                    .isEqualTo(20));
            kafka.send(Topics.EVENTS, event, event(event, 2, 5, EventMessage.Status.PUBLISHED))
                    .get();
            kafka.send(Topics.EVENTS, event, event(event, 3, 7, EventMessage.Status.PUBLISHED))
                    .get();
            kafka.send(Topics.EVENTS, event, event(event, 4, 25, EventMessage.Status.PUBLISHED))
                    .get();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(availability(event).get("capacity").asInt())
                                    .isEqualTo(25));
            assertThat(availability(event).get("seatsLeft").asInt()).isEqualTo(25);
        }

        private JsonNode keyed(String event, Map<String, Object> body, String key) {
            return json.readTree(client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .header("Idempotency-Key", key)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody());
        }
    }

    @Nested
    class LanguageAndReadingMode {

        @Test
        void aRegistrationKeepsItsLanguageAndEasyReadChoiceAndEveryMessageCarriesThem() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            try (var recorder = TopicRecorder.record(Topics.REGISTRATIONS)) {
                var body = person("Welsh Reader", 0);
                body.put("language", "cy");
                body.put("easyRead", true);
                var registration = register(event, body);
                assertThat(registration.get("language").asString()).isEqualTo("cy");
                assertThat(registration.get("easyRead").asBoolean()).isTrue();
                assertThat(manage(registration).get("language").asString()).isEqualTo("cy");

                var changed = json.readTree(client.put()
                        .uri(path(registration) + "/reading")
                        .bodyValue(Map.of("language", "ar", "easyRead", false))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody());
                assertThat(changed.get("language").asString()).isEqualTo("ar");
                assertThat(changed.get("easyRead").asBoolean()).isFalse();
                assertThat(manage(registration).get("language").asString()).isEqualTo("ar");

                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(types(recorder.withKey(event)))
                                .contains("RegistrationConfirmed", "ReadingPreferencesChanged"));
                var confirmed = ofType(recorder.withKey(event), "RegistrationConfirmed");
                assertThat(confirmed.get("language").asString()).isEqualTo("cy");
                assertThat(confirmed.get("easyRead").asBoolean()).isTrue();
                // The code to show at the door travels with the confirmation, for the QR code in its email.
                assertThat(confirmed.get("checkInCode").asString())
                        .isEqualTo(registration.get("checkInCode").asString());
                var preferences = ofType(recorder.withKey(event), "ReadingPreferencesChanged");
                assertThat(preferences.get("language").asString()).isEqualTo("ar");
                assertThat(preferences.get("easyRead").asBoolean()).isFalse();
                assertThat(preferences.get("checkInCode").isNull()).isTrue();
                assertThat(preferences.get("aggregateVersion").asLong())
                        .isGreaterThan(confirmed.get("aggregateVersion").asLong());
            }
        }

        @Test
        void onlyTheMessagesThatGiveAPlaceCarryTheCheckInCodeTheManagePageShows() throws Exception {
            var event = publishedEvent(kafka, client, 1);
            try (var recorder = TopicRecorder.record(Topics.REGISTRATIONS)) {
                var first = register(event, person("First Holder", 0));
                var second = register(event, person("Second Waiter", 0));
                assertThat(second.get("status").asString()).isEqualTo("WAITLISTED");
                client.post()
                        .uri(path(first) + "/cancel")
                        .exchange()
                        .expectStatus()
                        .isOk();

                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(types(recorder.withKey(event)))
                                .contains(
                                        "RegistrationConfirmed",
                                        "RegistrationWaitlisted",
                                        "RegistrationCancelled",
                                        "RegistrationPromoted"));
                var promoted = ofType(recorder.withKey(event), "RegistrationPromoted");
                assertThat(promoted.get("checkInCode").asString())
                        .isNotBlank()
                        .isEqualTo(manage(second).get("checkInCode").asString());
                assertThat(ofType(recorder.withKey(event), "RegistrationConfirmed")
                                .get("checkInCode")
                                .asString())
                        .isEqualTo(first.get("checkInCode").asString());
                // Waiting is no place yet, and a cancelled place has no door to show a code at.
                assertThat(ofType(recorder.withKey(event), "RegistrationWaitlisted")
                                .get("checkInCode")
                                .isNull())
                        .isTrue();
                assertThat(ofType(recorder.withKey(event), "RegistrationCancelled")
                                .get("checkInCode")
                                .isNull())
                        .isTrue();
            }
        }

        @Test
        void absentMeansEnglishAndStandardWhileAnEasyReadNeedMakesTheEmailsEasyRead() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            try (var recorder = TopicRecorder.record(Topics.REGISTRATIONS)) {
                var plain = register(event, person("Plain Reader", 0));
                var needs = person("Easy Read Need", 0);
                needs.put("supportNeeds", Map.of("access", List.of("EASY_READ")));
                var easy = register(event, needs);

                assertThat(plain.get("language").asString()).isEqualTo("en-GB");
                assertThat(plain.get("easyRead").asBoolean()).isFalse();
                assertThat(easy.get("easyRead").asBoolean())
                        .as("the person's own choice")
                        .isFalse();
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(recorder.withKey(event)).hasSizeGreaterThanOrEqualTo(2));
                var byRegistration = new java.util.HashMap<String, JsonNode>();
                for (var record : recorder.withKey(event)) {
                    var message = json.readTree(record.value());
                    if (message.get("type").asString().equals("RegistrationConfirmed")) {
                        byRegistration.put(message.get("registrationId").asString(), message);
                    }
                }
                var plainMessage =
                        byRegistration.get(plain.get("registrationId").asString());
                assertThat(plainMessage.get("language").asString()).isEqualTo("en-GB");
                assertThat(plainMessage.get("easyRead").asBoolean()).isFalse();
                assertThat(byRegistration
                                .get(easy.get("registrationId").asString())
                                .get("easyRead")
                                .asBoolean())
                        .isTrue();
            }
        }

        @Test
        void aLanguageWeDoNotWriteInIsRefusedWithItsFieldAndNothingIsStored() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var french = person("French Reader", 0);
            french.put("language", "fr");
            expectBadField(event, french, "language");
            var group = group("Group Worker", 2);
            group.put("language", "en");
            expectBadField(event, group, "language");
            var notABoolean = person("Yes Reader", 0);
            notABoolean.put("easyRead", "sometimes");
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .bodyValue(notABoolean)
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
            assertThat(availability(event).get("seatsTaken").asInt()).isZero();

            var registration = register(event, person("Stays English", 0));
            client.put()
                    .uri(path(registration) + "/reading")
                    .bodyValue(Map.of("language", "de"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("language");
            assertThat(manage(registration).get("language").asString()).isEqualTo("en-GB");
        }

        private List<String> types(List<? extends org.convene.testing.TopicRecorder.Received> records) {
            return records.stream()
                    .map(record -> json.readTree(record.value()).get("type").asString())
                    .toList();
        }

        private JsonNode ofType(List<? extends org.convene.testing.TopicRecorder.Received> records, String type) {
            return records.stream()
                    .map(record -> json.readTree(record.value()))
                    .filter(message -> message.get("type").asString().equals(type))
                    .findFirst()
                    .orElseThrow();
        }

        private void expectBadField(String event, Map<String, Object> body, String field) {
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[*].field")
                    .value(found -> assertThat(found.toString()).contains(field));
        }
    }

    @Nested
    class BadInput {

        @Test
        void namesEachBadFieldAndStoresNothing() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var body = person("", 0);
            attendeeOf(body).put("email", "not-an-email");
            attendeeOf(body).put("ageBand", "ANCIENT");
            expectBadFields(event, body, "attendee");
            var blank = person("", 0);
            attendeeOf(blank).put("email", "not-an-email");
            expectBadFields(event, blank, "attendee.name", "attendee.email");
            var tooMany = person("Many Companions", 3);
            expectBadFields(event, tooMany, "companions");
            var unknown = person("Unknown Field", 0);
            unknown.put("isOrganiser", true);
            expectBadFields(event, unknown, "isOrganiser");
            assertThat(availability(event).get("seatsTaken").asInt()).isZero();
        }

        @Test
        void refusesNamesThatAreNotOneLineOfPlainTextAndStoresNothing() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            for (var hostile : PeoplesText.HOSTILE_SINGLE_LINE) {
                var body = person("Safe Name", 0);
                attendeeOf(body).put("name", hostile);
                expectBadFields(event, body, "attendee.name");
                var guardian = person("Young Person", 0);
                attendeeOf(guardian).put("ageBand", "UNDER_16");
                attendeeOf(guardian)
                        .put(
                                "guardian",
                                Map.of("name", hostile, "contact", "parent@example.org", "consentGiven", true));
                expectBadFields(event, guardian, "attendee.guardian.name");
                var phone = person("Phone Person", 0);
                attendeeOf(phone).put("phone", "0113 496\r\n0000");
                expectBadFields(event, phone, "attendee.phone");
            }
            assertThat(availability(event).get("seatsTaken").asInt()).isZero();
        }

        @Test
        void refusesANumberOrABooleanWhereTextBelongsAndStoresNothing() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            for (var notText : new Object[] {12345, 1.5, true}) {
                var body = person("Safe Name", 0);
                attendeeOf(body).put("name", notText);
                expectBadFields(event, body, "attendee.name");
                var needs = person("Safe Name", 0);
                needs.put("supportNeeds", Map.of("other", notText));
                expectBadFields(event, needs, "supportNeeds.other");
            }
            assertThat(availability(event).get("seatsTaken").asInt()).isZero();
        }

        @Test
        void anAddressTheFirewallRefusesIsAProblemDetailNotAnEmpty400() {
            client.get()
                    .uri("/api/registrations/manage/{token}", "a\u0000b")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/invalid-request");
        }

        @Test
        void refusesABodyThatIsNotUtf8OrDeclaredInAnotherCharsetAndStoresNothing() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(person("MARK", 0));
            // C0 AF is an overlong "/": a lenient reader stores "/" where the bytes are not UTF-8 at all.
            var overlong = new java.io.ByteArrayOutputStream();
            overlong.writeBytes(
                    json.substring(0, json.indexOf("MARK")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            overlong.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
            overlong.writeBytes(
                    json.substring(json.indexOf("MARK") + 4).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                    .bodyValue(overlong.toByteArray())
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .header("Content-Type", "application/json;charset=UTF-16")
                    .bodyValue(json.replace("MARK", "Safe Name").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415)
                    .expectHeader()
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(availability(event).get("seatsTaken").asInt()).isZero();
        }

        @Test
        void acceptsRealNamesInAnyScriptWithApostrophesAccentsAndEmoji() throws Exception {
            var event = publishedEvent(kafka, client, 20);
            int i = 0;
            for (var name : PeoplesText.REAL_NAMES) {
                var body = person("Someone", 0);
                attendeeOf(body).put("name", name);
                attendeeOf(body).put("email", "real-name-" + i++ + "-" + event + "@example.org");
                var registration = register(event, body);
                assertThat(registration.get("status").asString()).isEqualTo("CONFIRMED");
                assertThat(manage(registration).get("attendeeName").asString()).isEqualTo(name);
            }
        }

        @Test
        void refusesAnUnder18WithoutAGuardiansConsent() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var child = person("Young Person", 0);
            attendeeOf(child).put("ageBand", "UNDER_16");
            attendeeOf(child).put("guardian", Map.of("name", "Parent", "contact", "parent@example.org"));
            expectBadFields(event, child, "attendee.guardian.consentGiven");
            attendeeOf(child)
                    .put("guardian", Map.of("name", "Parent", "contact", "parent@example.org", "consentGiven", true));
            assertThat(register(event, child).get("status").asString()).isEqualTo("CONFIRMED");
        }

        @Test
        void aGuessedManageLinkIsNotFoundNotForbidden() {
            client.get()
                    .uri("/api/registrations/manage/" + "A".repeat(43))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            client.post()
                    .uri("/api/registrations/manage/" + "B".repeat(43) + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void refusesRegistrationForCancelledAndUnknownEvents() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            kafka.send(Topics.EVENTS, event, event(event, 2, 10, EventMessage.Status.CANCELLED))
                    .get();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(availability(event).get("status").asString())
                                    .isEqualTo("CANCELLED"));
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .bodyValue(person("Too Late", 0))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("This event has been cancelled.");
            client.post()
                    .uri("/api/events/no-such-event/registrations")
                    .bodyValue(person("Nowhere", 0))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        private void expectBadFields(String event, Map<String, Object> body, String... fields) {
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[*].field")
                    .value(found -> assertThat(found.toString()).contains(fields));
        }
    }

    @Nested
    class Messages {

        @Test
        void announcesAConfirmationWithTheSamplesFieldsAndNothingSensitive() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            try (var recorder = TopicRecorder.record(Topics.REGISTRATIONS)) {
                var body = person("Message Person", 1);
                attendeeOf(body).put("ageBand", "AGE_16_TO_17");
                attendeeOf(body)
                        .put(
                                "guardian",
                                Map.of("name", "Guardian Name", "contact", "g@example.org", "consentGiven", true));
                body.put("supportNeeds", Map.of("interpreter", "BSL", "other", "private note about my care"));
                var registration = register(event, body);
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(recorder.withKey(event)).isNotEmpty());
                var message = json.readTree(recorder.withKey(event).getFirst().value());
                assertThat(message.get("type").asString()).isEqualTo("RegistrationConfirmed");
                assertThat(message.get("registrationId").asString())
                        .isEqualTo(registration.get("registrationId").asString());
                assertThat(registration.get("manageLink").asString())
                        .endsWith(message.get("manageToken").asString());
                var sample = json.readTree(Files.readString(Path.of("")
                        .toAbsolutePath()
                        .getParent()
                        .resolve("docs/messages/convene.registrations.v1/RegistrationConfirmed.json")));
                assertThat(fields(message)).isEqualTo(fields(sample));
                assertThat(message.toString())
                        .doesNotContain("Guardian Name", "AGE_16", "private note", "g@example.org");
            }
        }

        @Test
        void cancellingTheEventCancelsEveryRegistrationWithAMessageEach() throws Exception {
            var event = publishedEvent(kafka, client, 2);
            try (var recorder = TopicRecorder.record(Topics.REGISTRATIONS)) {
                var confirmed = register(event, person("Going Person", 1));
                var waiting = register(event, person("Waiting Person", 0));
                assertThat(waiting.get("status").asString()).isEqualTo("WAITLISTED");

                kafka.send(Topics.EVENTS, event, event(event, 2, 2, EventMessage.Status.CANCELLED))
                        .get();

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(manage(confirmed).get("status").asString()).isEqualTo("CANCELLED");
                    assertThat(manage(waiting).get("status").asString()).isEqualTo("CANCELLED");
                });
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(recorder.withKey(event).stream()
                                        .map(received -> json.readTree(received.value())
                                                .get("type")
                                                .asString())
                                        .filter("RegistrationCancelled"::equals))
                                .hasSize(2));
            }
        }

        private Set<String> fields(JsonNode node) {
            var names = new TreeSet<String>();
            for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
                names.add(it.next());
            }
            return names;
        }
    }
}
