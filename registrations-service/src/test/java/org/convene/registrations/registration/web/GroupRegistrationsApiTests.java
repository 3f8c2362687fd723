package org.convene.registrations.registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.registrations.registration.RegistrationFixtures.attendeeOf;
import static org.convene.registrations.registration.RegistrationFixtures.group;
import static org.convene.registrations.registration.RegistrationFixtures.membersOf;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationFixtures;
import org.convene.registrations.registration.RegistrationsApi;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A worker or carer registers the young people they bring in one go: one party, confirmed or waiting whole. */
@IntegrationTest
class GroupRegistrationsApiTests {

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    private RegistrationsApi api() {
        return new RegistrationsApi(client);
    }

    JsonNode register(String eventId, Map<String, Object> body) {
        return api().register(eventId, body);
    }

    JsonNode get(WebTestClient as, String path) {
        return RegistrationsApi.get(as, path);
    }

    JsonNode availability(String eventId) {
        return api().availability(eventId);
    }

    WebTestClient organiser() {
        return api().organiserOf("org-test");
    }

    static String manage(JsonNode registration) {
        return RegistrationsApi.manage(registration);
    }

    @Nested
    class Seats {

        @Test
        void confirmsTheGroupAsOnePartyWithASeatForEveryPerson() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var body = group("Sam Worker", 3, "INTERPRETER", "MANAGER");
            membersOf(body).getFirst().put("supportNeeds", Map.of("access", List.of("STEP_FREE_ACCESS")));

            var booked = register(event, body);

            assertThat(booked.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(booked.get("seats").asInt())
                    .as("worker, two adults, three young people")
                    .isEqualTo(6);
            assertThat(booked.get("group").get("organisation").asString()).isEqualTo("Rutland County Council");
            assertThat(booked.get("group").get("members"))
                    .extracting(member -> member.get("name").asString())
                    .containsExactly("Sam Worker Member 1", "Sam Worker Member 2", "Sam Worker Member 3");
            assertThat(booked.get("group").get("members"))
                    .extracting(member -> member.get("memberId").asString())
                    .doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).isNotBlank());
            assertThat(booked.get("supportRequested").toString()).contains("STEP_FREE_ACCESS");
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(6);
            assertThat(get(client, manage(booked)).get("group").get("members").size())
                    .isEqualTo(3);
        }

        @Test
        void waitsWholeWhenItDoesNotFitAndIsPromotedWhole() throws Exception {
            var event = publishedEvent(kafka, client, 6);
            var first = register(event, person("First Party", 2));
            var waiting = register(event, group("Waiting Worker", 3));
            assertThat(waiting.get("status").asString())
                    .as("4 seats do not fit in 3: the group is not split")
                    .isEqualTo("WAITLISTED");
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(3);
            var single = register(event, person("Solo Person", 0));
            assertThat(single.get("status").asString())
                    .as("a smaller party behind uses a seat the group cannot")
                    .isEqualTo("CONFIRMED");

            client.post()
                    .uri(manage(first) + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(get(client, manage(waiting)).get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(5);
            assertThat(availability(event).get("waiting").asInt()).isZero();
        }

        @Test
        void groupsOfOneToTwelveRacingIndividualsNeverOverbookAndAreCountedWhole() throws Exception {
            var event = publishedEvent(kafka, client, 60);
            var bodies = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < 48; i++) {
                bodies.add(
                        i % 2 == 0 ? group("Racing Worker " + i, 1 + (i / 2) % 12) : person("Racing Person " + i, 0));
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

            // Each party as it stands once the race is over: a party answered "waiting" may have been served
            // at once by the seats a bigger head of the queue could not use (ADR 6), so the answers are not
            // the final word; the manage links are. Seats as the requests asked for them: the worker, their
            // adults and every young person.
            var confirmedSeats = 0;
            var before = new java.util.HashMap<String, JsonNode>();
            for (var body : bodies) {
                var asked = body.containsKey("group") ? 1 + membersOf(body).size() : 1;
                var answer = answers.stream()
                        .filter(a -> a.get("attendeeName")
                                .asString()
                                .equals(attendeeOf(body).get("name")))
                        .findFirst()
                        .orElseThrow();
                assertThat(answer.get("seats").asInt()).isEqualTo(asked);
                var state = get(client, manage(answer));
                before.put(manage(answer), state);
                if (state.get("status").asString().equals("CONFIRMED")) {
                    confirmedSeats += asked;
                }
            }
            var seats = availability(event);
            assertThat(seats.get("seatsTaken").asInt())
                    .isEqualTo(confirmedSeats)
                    .isLessThanOrEqualTo(60);
            assertThat(before.values())
                    .anySatisfy(
                            state -> assertThat(state.get("status").asString()).isEqualTo("WAITLISTED"));

            // Everyone confirmed cancels: the queue is served whole, in order, and still adds up.
            before.forEach((link, state) -> {
                if (state.get("status").asString().equals("CONFIRMED")) {
                    client.post()
                            .uri(link + "/cancel")
                            .exchange()
                            .expectStatus()
                            .isOk();
                }
            });
            var promotedSeats = 0;
            for (var entry : before.entrySet()) {
                var now = get(client, entry.getKey());
                if (entry.getValue().get("status").asString().equals("WAITLISTED")
                        && now.get("status").asString().equals("CONFIRMED")) {
                    promotedSeats += now.get("seats").asInt();
                }
            }
            assertThat(availability(event).get("seatsTaken").asInt())
                    .isEqualTo(promotedSeats)
                    .isPositive()
                    .isLessThanOrEqualTo(60);
        }
    }

    @Nested
    class TheWorkerChangesWhoComes {

        JsonNode remove(JsonNode booked, int index) {
            return json.readTree(client.delete()
                    .uri(manage(booked) + "/group/members/"
                            + booked.get("group")
                                    .get("members")
                                    .get(index)
                                    .get("memberId")
                                    .asString())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody());
        }

        WebTestClient.ResponseSpec add(JsonNode booked, String name) {
            return client.post()
                    .uri(manage(booked) + "/group/members")
                    .bodyValue(Map.of("name", name, "ageBand", "AGE_18_TO_25"))
                    .exchange();
        }

        @Test
        void takingSomeoneOffFreesTheirSeatForWhoeverWaitsAndKeepsNothingOfThem() throws Exception {
            var event = publishedEvent(kafka, client, 4);
            var booked = register(event, group("Shrinking Worker", 3));
            var waiting = register(event, person("Waiting Person", 0));
            assertThat(waiting.get("status").asString()).isEqualTo("WAITLISTED");

            var after = remove(booked, 1);

            assertThat(after.get("seats").asInt()).isEqualTo(3);
            assertThat(after.get("group").get("members"))
                    .extracting(member -> member.get("name").asString())
                    .containsExactly("Shrinking Worker Member 1", "Shrinking Worker Member 3");
            assertThat(get(client, manage(waiting)).get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(4);
            assertThat(get(organiser(), "/api/events/" + event + "/registrations")
                            .toString())
                    .doesNotContain("Shrinking Worker Member 2");
        }

        @Test
        void addingSomeoneTakesASeatOnlyWhileOneIsFree() throws Exception {
            var event = publishedEvent(kafka, client, 5);
            var booked = register(event, group("Growing Worker", 2));

            add(booked, "Fourth Person").expectStatus().isOk();
            add(booked, "Fifth Person").expectStatus().isOk();
            add(booked, "Sixth Person").expectStatus().isEqualTo(409);

            var now = get(client, manage(booked));
            assertThat(now.get("seats").asInt()).isEqualTo(5);
            assertThat(now.get("group").get("members").size()).isEqualTo(4);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(5);
        }

        @Test
        void aWaitingGroupChangesSizeInItsPlaceAndIsServedWhenItFits() throws Exception {
            var event = publishedEvent(kafka, client, 2);
            var first = register(event, person("First Pair", 1));
            var booked = register(event, group("Queued Worker", 2));
            var behind = register(event, person("Behind Person", 0));
            assertThat(booked.get("status").asString()).isEqualTo("WAITLISTED");

            var smaller = remove(booked, 0);
            assertThat(smaller.get("status").asString()).isEqualTo("WAITLISTED");
            assertThat(smaller.get("waitlistPosition").asInt()).isEqualTo(1);

            client.post()
                    .uri(manage(first) + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(get(client, manage(booked)).get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(get(client, manage(behind)).get("status").asString()).isEqualTo("WAITLISTED");
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(2);
        }

        @Test
        void changesOnePersonsNeedsAndNobodyElses() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var booked = register(event, group("Needs Worker", 2));
            var second =
                    booked.get("group").get("members").get(1).get("memberId").asString();

            var changed = json.readTree(client.put()
                    .uri(manage(booked) + "/group/members/" + second + "/support-needs")
                    .bodyValue(Map.of("interpreter", "ar", "access", List.of("QUIET_SPACE")))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody());

            assertThat(changed.get("group")
                            .get("members")
                            .get(0)
                            .get("supportRequested")
                            .size())
                    .isZero();
            assertThat(changed.get("group")
                            .get("members")
                            .get(1)
                            .get("supportRequested")
                            .toString())
                    .contains("INTERPRETER_AR", "QUIET_SPACE");
            var rows = get(organiser(), "/api/events/" + event + "/registrations");
            assertThat(rows.get(2).get("interpreter").asString()).isEqualTo("ar");
            client.put()
                    .uri(manage(booked) + "/group/members/nobody/support-needs")
                    .bodyValue(Map.of("interpreter", "ar"))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void refusesWhatWouldLeaveNoGroupOrIsNotAGroupAndChangesNothing() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var booked = register(event, group("Last Worker", 1));
            client.delete()
                    .uri(manage(booked) + "/group/members/"
                            + booked.get("group")
                                    .get("members")
                                    .get(0)
                                    .get("memberId")
                                    .asString())
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409);
            client.delete()
                    .uri(manage(booked) + "/group/members/no-such-person")
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            var single = register(event, person("Single Person", 0));
            add(single, "Not A Group").expectStatus().isEqualTo(409);
            client.post()
                    .uri(manage(booked) + "/group/members")
                    .bodyValue(Map.of("name", "No Age"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
            client.post()
                    .uri(manage(booked) + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isOk();
            add(booked, "Too Late").expectStatus().isEqualTo(409);

            assertThat(get(client, manage(booked)).get("seats").asInt()).isEqualTo(2);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(1);
        }
    }

    @Nested
    class OrganisersSeeEveryPerson {

        @Test
        void listsEachYoungPersonBesideTheirWorkerAndCountsTheirNeeds() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var body = group("Listed Worker", 2, "CARER");
            var young = membersOf(body).getFirst();
            young.put("ageBand", "UNDER_16");
            young.put("guardian", Map.of("name", "Parent One", "contact", "parent@example.org", "consentGiven", true));
            young.put("supportNeeds", Map.of("interpreter", "BSL"));
            register(event, body);

            var rows = get(organiser(), "/api/events/" + event + "/registrations");
            assertThat(rows.size()).isEqualTo(3);
            assertThat(rows.get(0).get("name").asString()).isEqualTo("Listed Worker");
            assertThat(rows.get(0).get("seats").asInt())
                    .as("the worker and the carer")
                    .isEqualTo(2);
            assertThat(rows.get(1).get("name").asString()).isEqualTo("Listed Worker Member 1");
            assertThat(rows.get(1).get("groupContact").asString()).isEqualTo("Listed Worker");
            assertThat(rows.get(1).get("organisation").asString()).isEqualTo("Rutland County Council");
            assertThat(rows.get(1).get("guardianName").asString()).isEqualTo("Parent One");
            assertThat(rows.get(1).get("interpreter").asString()).isEqualTo("BSL");
            assertThat(rows.get(1).get("memberId").asString()).isNotBlank();
            var seats = 0;
            for (var row : rows) {
                seats += row.get("seats").asInt();
            }
            assertThat(seats).isEqualTo(availability(event).get("seatsTaken").asInt());

            var summary = get(organiser(), "/api/events/" + event + "/registrations/summary");
            assertThat(summary.get("interpretersByLanguage").get("BSL").asLong())
                    .isEqualTo(1);
            assertThat(summary.get("underEighteenWithConsent").asLong()).isEqualTo(1);

            var csv = organiser()
                    .get()
                    .uri("/api/events/" + event + "/registrations/export.csv")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(csv.lines().toList()).hasSize(4);
            assertThat(csv.lines().filter(line -> line.contains("\"Listed Worker Member")))
                    .allSatisfy(line -> assertThat(line).endsWith("\"Listed Worker\",\"Rutland County Council\","));
        }

        @Test
        void checksEachYoungPersonInOnTheirOwn() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var booked = register(event, group("Door Worker", 2));
            var id = booked.get("registrationId").asString();
            var first =
                    booked.get("group").get("members").get(0).get("memberId").asString();
            var second =
                    booked.get("group").get("members").get(1).get("memberId").asString();

            checkIn(id, Map.of("attendance", "ATTENDED", "memberId", first)).isNoContent();
            checkIn(id, Map.of("attendance", "NO_SHOW", "memberId", second)).isNoContent();
            checkIn(id, Map.of("attendance", "ATTENDED", "memberId", "nobody")).isNotFound();
            checkIn(id, Map.of("attendance", "ATTENDED", "memberId", "a.b")).isBadRequest();

            var rows = get(organiser(), "/api/events/" + event + "/registrations");
            assertThat(rows.get(0).get("attendance").isNull())
                    .as("the worker is not marked")
                    .isTrue();
            assertThat(rows.get(1).get("attendance").asString()).isEqualTo("ATTENDED");
            assertThat(rows.get(2).get("attendance").asString()).isEqualTo("NO_SHOW");
            var summary = get(organiser(), "/api/events/" + event + "/registrations/summary");
            assertThat(summary.get("attended").asLong()).isEqualTo(1);
            assertThat(summary.get("noShows").asLong()).isEqualTo(1);

            var full = publishedEvent(kafka, client, 1);
            var waiting = register(full, group("Waiting Door Worker", 1));
            checkIn(
                            waiting.get("registrationId").asString(),
                            Map.of(
                                    "attendance",
                                    "ATTENDED",
                                    "memberId",
                                    waiting.get("group")
                                            .get("members")
                                            .get(0)
                                            .get("memberId")
                                            .asString()))
                    .isEqualTo(409);
        }

        org.springframework.test.web.reactive.server.StatusAssertions checkIn(String id, Map<String, String> body) {
            return organiser()
                    .post()
                    .uri("/api/registrations/" + id + "/check-in")
                    .bodyValue(body)
                    .exchange()
                    .expectStatus();
        }

        @Test
        void erasingOneYoungPersonLeavesTheRestOfTheGroupAsItWas() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var body = group("Kept Worker", 2);
            membersOf(body).get(0).put("name", "Forget Me");
            membersOf(body).get(0).put("supportNeeds", Map.of("other", "a private note about Forget Me"));
            var booked = register(event, body);
            var forgotten =
                    booked.get("group").get("members").get(0).get("memberId").asString();

            organiser()
                    .post()
                    .uri("/api/registrations/" + booked.get("registrationId").asString() + "/members/" + forgotten
                            + "/erase")
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            var rows = get(organiser(), "/api/events/" + event + "/registrations");
            assertThat(rows.toString()).doesNotContain("Forget Me").contains("Kept Worker Member 2");
            assertThat(rows.size()).isEqualTo(3);
            var now = get(client, manage(booked));
            assertThat(now.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(now.get("seats").asInt()).isEqualTo(3);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(3);
        }

        @Test
        void erasingTheRegistrationErasesEveryoneInTheGroupAndKeepsTheSeatsCountable() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var booked = register(event, group("Erased Worker", 2));
            organiser()
                    .post()
                    .uri("/api/registrations/" + booked.get("registrationId").asString() + "/erase")
                    .exchange()
                    .expectStatus()
                    .isNoContent();

            var rows = get(organiser(), "/api/events/" + event + "/registrations");
            assertThat(rows.toString()).doesNotContain("Erased Worker", "Rutland");
            assertThat(availability(event).get("seatsTaken").asInt()).isZero();
        }
    }

    @Nested
    class Messages {

        @Test
        void nameEveryYoungPersonAndGiveOnlyTheAddressesTheWorkerAskedToBeUsed() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            try (var recorder = org.convene.testing.TopicRecorder.record(Topics.REGISTRATIONS)) {
                var body = group("Message Worker", 2);
                membersOf(body).get(0).put("email", "own.one@example.org");
                membersOf(body).get(0).put("ownConfirmation", true);
                membersOf(body).get(1).put("email", "not.asked@example.org");
                membersOf(body).get(1).put("guardian", Map.of("name", "Private Parent", "contact", "p@example.org"));
                register(event, body);

                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(recorder.withKey(event)).isNotEmpty());
                var message = json.readTree(recorder.withKey(event).getFirst().value());
                assertThat(message.get("seats").asInt()).isEqualTo(3);
                assertThat(message.get("groupMembers").get(0).get("name").asString())
                        .isEqualTo("Message Worker Member 1");
                assertThat(message.get("groupMembers").get(0).get("email").asString())
                        .isEqualTo("own.one@example.org");
                assertThat(message.get("groupMembers").get(1).get("email").isNull())
                        .isTrue();
                assertThat(message.toString()).doesNotContain("not.asked", "Private Parent", "AGE_18_TO_25");
            }
        }

        @Test
        void sayWhoWasTakenOffOrErasedSoTheyAreToldAndForgotten() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            try (var recorder = org.convene.testing.TopicRecorder.record(Topics.REGISTRATIONS)) {
                var body = group("Changing Worker", 3);
                membersOf(body).get(0).put("email", "leaving.one@example.org");
                membersOf(body).get(0).put("ownConfirmation", true);
                var booked = register(event, body);
                var members = booked.get("group").get("members");

                client.delete()
                        .uri(manage(booked) + "/group/members/"
                                + members.get(0).get("memberId").asString())
                        .exchange()
                        .expectStatus()
                        .isOk();
                organiser()
                        .post()
                        .uri("/api/registrations/"
                                + booked.get("registrationId").asString() + "/members/"
                                + members.get(1).get("memberId").asString() + "/erase")
                        .exchange()
                        .expectStatus()
                        .isNoContent();

                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(recorder.withKey(event)).hasSizeGreaterThanOrEqualTo(3));
                var byType = new HashMap<String, JsonNode>();
                recorder.withKey(event).forEach(record -> {
                    var message = json.readTree(record.value());
                    byType.put(message.get("type").asString(), message);
                });
                var removed = byType.get("GroupMemberRemoved");
                assertThat(removed.get("groupMembers")).hasSize(1);
                assertThat(removed.get("groupMembers").get(0).get("name").asString())
                        .isEqualTo("Changing Worker Member 1");
                assertThat(removed.get("groupMembers").get(0).get("email").asString())
                        .isEqualTo("leaving.one@example.org");
                var erased = byType.get("GroupMemberErased");
                assertThat(erased.get("groupMembers").get(0).get("name").asString())
                        .isEqualTo("Changing Worker Member 2");
                assertThat(erased.get("aggregateVersion").asLong())
                        .isGreaterThan(removed.get("aggregateVersion").asLong());
            }
        }
    }

    @Nested
    class OrganisersAcceptPartOfAWaitingGroup {

        WebTestClient.ResponseSpec accept(JsonNode booked, int... members) {
            var ids = new ArrayList<String>();
            for (int index : members) {
                ids.add(booked.get("group")
                        .get("members")
                        .get(index)
                        .get("memberId")
                        .asString());
            }
            return organiser()
                    .post()
                    .uri("/api/registrations/" + booked.get("registrationId").asString() + "/accept-part")
                    .bodyValue(Map.of("memberIds", ids))
                    .exchange();
        }

        /** 6 places, 3 taken: a worker with five young people (6 seats) waits whole. */
        JsonNode waitingGroupOfSixWithThreePlacesFree(String event) {
            register(event, person("First Comer", 2));
            var booked = register(event, group("Patient Worker", 5));
            assertThat(booked.get("status").asString()).isEqualTo("WAITLISTED");
            return booked;
        }

        @Test
        void theChosenComeNowAndTheRestKeepTheGroupsPlaceUntilServedTogether() throws Exception {
            var event = publishedEvent(kafka, client, 6);
            var first = register(event, person("First Holder", 2));
            var booked = register(event, group("Patient Worker", 5));

            accept(booked, 0, 3).expectStatus().isNoContent();

            var partly = get(client, manage(booked));
            assertThat(partly.get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(partly.get("seats").asInt()).isEqualTo(3);
            assertThat(partly.get("waitlistPosition").asInt()).isEqualTo(1);
            assertThat(partly.get("group").get("members"))
                    .extracting(member -> member.get("waiting").asBoolean())
                    .containsExactly(false, true, true, false, true);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(6);
            assertThat(availability(event).get("waiting").asInt()).isEqualTo(1);
            var rows = get(organiser(), "/api/events/" + event + "/registrations");
            assertThat(rows.findValues("memberId").stream().filter(JsonNode::isString))
                    .hasSize(5);
            var waitingRows = new ArrayList<String>();
            rows.forEach(row -> {
                if (row.get("memberId").isString()
                        && row.get("status").asString().equals("WAITLISTED")) {
                    waitingRows.add(row.get("name").asString());
                }
            });
            assertThat(waitingRows)
                    .containsExactly("Patient Worker Member 2", "Patient Worker Member 3", "Patient Worker Member 5");

            // Places free up: the rest of the group is served whole.
            client.post()
                    .uri(manage(first) + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isOk();

            var whole = get(client, manage(booked));
            assertThat(whole.get("seats").asInt()).isEqualTo(6);
            assertThat(whole.get("waitlistPosition").isNull()).isTrue();
            assertThat(whole.get("group").get("members"))
                    .extracting(member -> member.get("waiting").asBoolean())
                    .containsOnly(false);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(6);
            assertThat(availability(event).get("waiting").asInt()).isZero();
        }

        @Test
        void refusesAllOrUnknownOrTooManyAndChangesNothing() throws Exception {
            var event = publishedEvent(kafka, client, 6);
            var booked = waitingGroupOfSixWithThreePlacesFree(event);

            accept(booked, 0, 1, 2, 3, 4).expectStatus().isBadRequest();
            accept(booked, 0, 1, 2).expectStatus().isEqualTo(409);
            organiser()
                    .post()
                    .uri("/api/registrations/" + booked.get("registrationId").asString() + "/accept-part")
                    .bodyValue(Map.of("memberIds", List.of("nobody")))
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
            organiser()
                    .post()
                    .uri("/api/registrations/" + booked.get("registrationId").asString() + "/accept-part")
                    .bodyValue(Map.of("memberIds", List.of("Not An Id!")))
                    .exchange()
                    .expectStatus()
                    .isBadRequest();

            var unchanged = get(client, manage(booked));
            assertThat(unchanged.get("status").asString()).isEqualTo("WAITLISTED");
            assertThat(unchanged.get("seats").asInt()).isEqualTo(6);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(3);
            assertThat(availability(event).get("waiting").asInt()).isEqualTo(1);
        }

        @Test
        void cancellingAPartlyAcceptedGroupFreesBothParts() throws Exception {
            var event = publishedEvent(kafka, client, 6);
            var booked = waitingGroupOfSixWithThreePlacesFree(event);
            accept(booked, 1).expectStatus().isNoContent();
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(5);

            client.post()
                    .uri(manage(booked) + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isOk();

            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(3);
            assertThat(availability(event).get("waiting").asInt()).isZero();
        }

        @Test
        void theWorkerCanTakeSomeoneOffEitherPartButAddsNobodyWhilePartWaits() throws Exception {
            var event = publishedEvent(kafka, client, 6);
            var booked = waitingGroupOfSixWithThreePlacesFree(event);
            accept(booked, 0).expectStatus().isNoContent();
            var members = booked.get("group").get("members");

            client.post()
                    .uri(manage(booked) + "/group/members")
                    .bodyValue(Map.of("name", "One More", "ageBand", "AGE_18_TO_25"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409);
            // One of those waiting, then the one accepted: each part shrinks, the queue keeps the rest.
            client.delete()
                    .uri(manage(booked) + "/group/members/"
                            + members.get(4).get("memberId").asString())
                    .exchange()
                    .expectStatus()
                    .isOk();
            client.delete()
                    .uri(manage(booked) + "/group/members/"
                            + members.get(0).get("memberId").asString())
                    .exchange()
                    .expectStatus()
                    .isOk();

            var after = get(client, manage(booked));
            // The worker alone holds a seat (3 + 1 taken); the three left waiting do not fit the 2 free.
            assertThat(after.get("group").get("members")).hasSize(3);
            assertThat(after.get("seats").asInt()).isEqualTo(1);
            assertThat(after.get("waitlistPosition").asInt()).isEqualTo(1);
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(4);
            assertThat(availability(event).get("waiting").asInt()).isEqualTo(1);
            // One more taken off: the two left fit, and are served.
            client.delete()
                    .uri(manage(booked) + "/group/members/"
                            + members.get(3).get("memberId").asString())
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(get(client, manage(booked)).get("seats").asInt()).isEqualTo(3);
            assertThat(availability(event).get("waiting").asInt()).isZero();
            assertThat(availability(event).get("seatsTaken").asInt()).isEqualTo(6);
        }
    }

    @Nested
    class BadInput {

        @Test
        void refusesAGroupOfNoneOrBeyondTheLimitAndStoresNothing() throws Exception {
            var event = publishedEvent(kafka, client, 40);
            expectBadFields(event, group("Empty Worker", 0), "group.members");
            expectBadFields(event, group("Big Worker", 13), "group.members");
            assertThat(availability(event).get("seatsTaken").asInt()).isZero();
            assertThat(availability(event).get("waiting").asInt()).isZero();
            // Nothing was kept of the refused attempts: the same worker can book their group now.
            assertThat(register(event, group("Big Worker", 12)).get("seats").asInt())
                    .isEqualTo(13);
        }

        @Test
        void holdsTheGroupLimitTheOrganiserSetAndTheNewOneWhenItChanges() throws Exception {
            var event = java.util.UUID.randomUUID().toString();
            kafka.send(
                            Topics.EVENTS,
                            event,
                            RegistrationFixtures.event(event, 1, 40, EventMessage.Status.PUBLISHED, "org-test", 3))
                    .get();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> client.get()
                            .uri("/api/events/" + event + "/availability")
                            .exchange()
                            .returnResult(String.class)
                            .getStatus()
                            .is2xxSuccessful());
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .bodyValue(group("Four Worker", 4))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[?(@.field == 'group.members')].message")
                    .isEqualTo("a group can bring at most 3 young people");
            assertThat(register(event, group("Three Worker", 3)).get("seats").asInt())
                    .isEqualTo(4);

            kafka.send(
                            Topics.EVENTS,
                            event,
                            RegistrationFixtures.event(event, 2, 40, EventMessage.Status.PUBLISHED, "org-test", 4))
                    .get();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> client.post()
                            .uri("/api/events/" + event + "/registrations")
                            .bodyValue(group("Four Worker", 4))
                            .exchange()
                            .expectStatus()
                            .isCreated());
        }

        @Test
        void namesTheMemberWhoseDetailsAreMissingAndStoresNothing() throws Exception {
            var event = publishedEvent(kafka, client, 10);
            var nameless = group("Nameless Worker", 2);
            membersOf(nameless).get(1).remove("name");
            expectBadFields(event, nameless, "group.members[1].name");

            var noGuardian = group("Guardian Worker", 2);
            membersOf(noGuardian).get(1).put("ageBand", "AGE_16_TO_17");
            expectBadFields(
                    event,
                    noGuardian,
                    "group.members[1].guardian.name",
                    "group.members[1].guardian.contact",
                    "group.members[1].guardian.consentGiven");

            var noEmail = group("Email Worker", 1);
            membersOf(noEmail).getFirst().put("ownConfirmation", true);
            expectBadFields(event, noEmail, "group.members[0].email");

            var youngPerson = group("Young Booker", 2);
            attendeeOf(youngPerson).put("role", "YOUNG_PERSON");
            expectBadFields(event, youngPerson, "attendee.role");

            var hostile = group("Hostile Worker", 1);
            membersOf(hostile).getFirst().put("name", "<script>alert(1)</script>\nX");
            expectBadFields(event, hostile, "group.members[0].name");

            var unknown = group("Unknown Worker", 1);
            membersOf(unknown).getFirst().put("isOrganiser", true);
            expectBadFields(event, unknown, "isOrganiser");

            assertThat(availability(event).get("seatsTaken").asInt()).isZero();
            assertThat(get(organiser(), "/api/events/" + event + "/registrations")
                            .size())
                    .isZero();
        }

        private void expectBadFields(String event, Map<String, Object> body, String... fields) {
            client.post()
                    .uri("/api/events/" + event + "/registrations")
                    .bodyValue(new HashMap<>(body))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[*].field")
                    .value(found -> assertThat(found.toString()).contains(fields));
        }
    }
}
