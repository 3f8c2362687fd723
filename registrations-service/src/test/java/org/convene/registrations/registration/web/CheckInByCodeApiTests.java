package org.convene.registrations.registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.registrations.registration.RegistrationFixtures.group;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.convene.registrations.registration.RegistrationFixtures.publishedEvent;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationsApi;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * QR check-in (issue 22): each person's opaque code from the manage page checks that person in at the
 * door; a code is not a manage token, and the other way round.
 */
@IntegrationTest
class CheckInByCodeApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    RegistrationsApi api() {
        return new RegistrationsApi(client);
    }

    WebTestClient.ResponseSpec checkIn(String organisation, String event, String code, String attendance) {
        return api().organiserOf(organisation)
                .post()
                .uri("/api/events/" + event + "/check-in")
                .bodyValue(Map.of("code", code, "attendance", attendance))
                .exchange();
    }

    JsonNode checkedIn(String event, String code, String attendance) {
        return JSON.readTree(checkIn("org-test", event, code, attendance)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    static String token(JsonNode registration) {
        var path = URI.create(registration.get("manageLink").asString()).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    List<JsonNode> rows(String event) {
        return RegistrationsApi.get(api().organiserOf("org-test"), "/api/events/" + event + "/registrations")
                .valueStream()
                .toList();
    }

    @Test
    void eachPersonHasTheirOwnCodeThatIsNotTheirManageToken() throws Exception {
        var event = publishedEvent(kafka, client, 10);
        var booked = api().register(event, group("Coded Worker", 2));
        var manage = RegistrationsApi.get(client, RegistrationsApi.manage(booked));

        var own = manage.get("checkInCode").asString();
        var first = manage.get("group").get("members").get(0).get("checkInCode").asString();
        var second =
                manage.get("group").get("members").get(1).get("checkInCode").asString();
        assertThat(own).matches("[A-Za-z0-9_-]{43}");
        assertThat(List.of(own, first, second)).doesNotHaveDuplicates().doesNotContain(token(booked));
        assertThat(booked.get("checkInCode").asString()).isEqualTo(own);

        // Useless as a manage link.
        client.get()
                .uri("/api/registrations/manage/" + own)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aCodeChecksInThePersonItNames() throws Exception {
        var event = publishedEvent(kafka, client, 10);
        api().register(event, person("Someone Else", 0));
        var booked = api().register(event, group("Door Worker", 2));
        var manage = RegistrationsApi.get(client, RegistrationsApi.manage(booked));
        var member = manage.get("group").get("members").get(1);

        var young = checkedIn(event, member.get("checkInCode").asString(), "ATTENDED");
        assertThat(young.get("registrationId").asString())
                .isEqualTo(booked.get("registrationId").asString());
        assertThat(young.get("memberId").asString())
                .isEqualTo(member.get("memberId").asString());
        assertThat(young.get("name").asString()).isEqualTo("Door Worker Member 2");
        assertThat(young.get("attendance").asString()).isEqualTo("ATTENDED");

        var worker = checkedIn(event, manage.get("checkInCode").asString(), "NO_SHOW");
        assertThat(worker.get("memberId").isNull()).isTrue();
        assertThat(worker.get("name").asString()).isEqualTo("Door Worker");

        var marked = rows(event).stream()
                .filter(row -> row.get("registrationId")
                        .asString()
                        .equals(booked.get("registrationId").asString()))
                .map(row -> row.get("name").asString() + "="
                        + (row.get("attendance").isNull()
                                ? "null"
                                : row.get("attendance").asString()))
                .toList();
        assertThat(marked)
                .containsExactlyInAnyOrder(
                        "Door Worker=NO_SHOW", "Door Worker Member 1=null", "Door Worker Member 2=ATTENDED");
        assertThat(rows(event).stream()
                        .filter(row -> row.get("name").asString().equals("Someone Else"))
                        .map(row -> row.get("attendance").isNull()))
                .containsExactly(true);
    }

    @Test
    void theSameCodeAgainAnswersTheSameAndSaysTheyWereAlreadyMarked() throws Exception {
        var event = publishedEvent(kafka, client, 10);
        var booked = api().register(event, group("Twice Worker", 1));
        var manage = RegistrationsApi.get(client, RegistrationsApi.manage(booked));
        var own = manage.get("checkInCode").asString();
        var member =
                manage.get("group").get("members").get(0).get("checkInCode").asString();

        var first = checkedIn(event, own, "ATTENDED");
        var again = checkedIn(event, own, "ATTENDED");
        assertThat(first.get("alreadyMarked").asBoolean()).isFalse();
        assertThat(again.get("alreadyMarked").asBoolean()).isTrue();
        assertThat(again.get("name").asString()).isEqualTo("Twice Worker");
        assertThat(again.get("attendance").asString()).isEqualTo("ATTENDED");

        assertThat(checkedIn(event, member, "ATTENDED").get("alreadyMarked").asBoolean())
                .isFalse();
        assertThat(checkedIn(event, member, "ATTENDED").get("alreadyMarked").asBoolean())
                .isTrue();
        assertThat(rows(event).stream().map(row -> row.get("attendance").asString()))
                .containsOnly("ATTENDED");
    }

    @Test
    void aManageTokenOrAnotherEventsCodeNamesNoOne() throws Exception {
        var event = publishedEvent(kafka, client, 10);
        var elsewhere = publishedEvent(kafka, client, 10);
        var booked = api().register(event, person("Token Holder", 0));
        var code = booked.get("checkInCode").asString();

        checkIn("org-test", event, token(booked), "ATTENDED").expectStatus().isNotFound();
        checkIn("org-test", elsewhere, code, "ATTENDED").expectStatus().isNotFound();
        checkIn("org-test", event, "not a code!", "ATTENDED").expectStatus().isBadRequest();
        assertThat(rows(event).get(0).get("attendance").isNull()).isTrue();
    }

    @Test
    void anotherOrganisationsEventIsNotFoundAndSomeoneWaitingIsAConflict() throws Exception {
        var event = publishedEvent(kafka, client, 1);
        var coming = api().register(event, person("Coming Person", 0));
        var waiting = api().register(event, person("Waiting Person", 0));

        checkIn("org-other", event, coming.get("checkInCode").asString(), "ATTENDED")
                .expectStatus()
                .isNotFound();
        checkIn("org-test", event, waiting.get("checkInCode").asString(), "ATTENDED")
                .expectStatus()
                .isEqualTo(409);
        client.post()
                .uri("/api/events/" + event + "/check-in")
                .bodyValue(Map.of("code", coming.get("checkInCode").asString(), "attendance", "ATTENDED"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(rows(event).stream().map(row -> row.get("attendance").isNull()))
                .containsOnly(true);
    }
}
