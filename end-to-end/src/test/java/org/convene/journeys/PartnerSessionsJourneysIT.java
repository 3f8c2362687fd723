package org.convene.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.journeys.Http.emailsTo;
import static org.convene.journeys.Http.get;
import static org.convene.journeys.Http.post;
import static org.convene.journeys.Http.subjectsTo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 19's journey through the gateway, against the whole system: a council asks for a keynote,
 * both sides hear of it, the organiser replies and accepts, the draft it makes becomes a private
 * session the council's people register for with their invitation, and a young person's BSL
 * interpreter is arranged: they hear it once, and their own page says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerSessionsJourneysIT {

    private static final Duration EMAIL_WAIT = Duration.ofSeconds(60);
    private static final String CONTACT = "team@demo.convene.test";

    private static RunningConvene convene;
    private static String organiser;
    private static final String tag = UUID.randomUUID().toString().substring(0, 6);
    private static final String requester = "sam-" + tag + "@rutland.example";
    private static final String council = "Rutland County Council " + tag;
    private static final String youngPerson = "riley-" + tag + "@example.org";
    private static String requestId;
    private static String eventId;
    private static String code;
    private static String title;
    private static String manageLink;

    @BeforeAll
    static void theSystemIsRunning() throws Exception {
        convene = RunningConvene.shared();
        organiser = convene.organiserToken();
    }

    @Test
    @Order(1)
    void aCouncilAsksForAKeynoteAndBothSidesHearOfIt() {
        var asked = Http.postFrom(
                "192.0.2." + (10 + Math.floorMod(tag.hashCode(), 200)),
                convene.gateway() + "/api/organisations/demo/booking-requests",
                """
                {"kind":"KEYNOTE",
                 "requester":{"organisation":"%s","name":"Sam Patel","email":"%s"},
                 "preferredDates":["%s"],"flexible":false,"town":"Oakham","online":false,
                 "audienceSize":40,"audience":"MIXED","interpreterLanguages":["BSL"],
                 "message":"Our young people's council would love a keynote."}""".formatted(council, requester, LocalDate.now().plusDays(30)));
        assertThat(asked.status()).as(asked.body()).isEqualTo(202);

        await().atMost(EMAIL_WAIT).until(() -> !subjectsTo(convene, requester).isEmpty());
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, CONTACT).stream()
                        .anyMatch(subject -> subject.startsWith("New booking request") && subject.contains(council)));

        var inbox = get(convene.gateway() + "/api/organisations/demo/booking-requests?status=NEW", organiser);
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
        for (var request : inbox.json()) {
            if (request.path("requesterOrganisation").asString().equals(council)) {
                requestId = request.path("id").asString();
            }
        }
        assertThat(requestId).as(inbox.body()).isNotNull();
    }

    @Test
    @Order(2)
    void theOrganiserRepliesAndAcceptsAndTheDraftBecomesAnInviteOnlySession() {
        var base = convene.gateway() + "/api/organisations/demo/booking-requests/" + requestId;
        var replied = post(base + "/replies", "{\"text\":\"Yes, we would love to come.\"}", organiser);
        assertThat(replied.status()).as(replied.body()).isEqualTo(200);
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, requester).stream().anyMatch(s -> s.startsWith("A reply")));

        var accepted = post(base + "/accept", null, organiser);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        eventId = accepted.json().path("eventId").asString();
        assertThat(eventId).isNotBlank();

        var draft = get(convene.gateway() + "/api/events/" + eventId, organiser);
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        assertThat(draft.json().path("visibility").asString()).isEqualTo("INVITE_ONLY");
        assertThat(draft.json().path("capacity").asInt()).isEqualTo(40);
        title = draft.json().path("title").asString();
        code = draft.json().path("invitations").get(0).path("code").asString();

        var published = post(convene.gateway() + "/api/events/" + eventId + "/publish", null, organiser);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        get(convene.gateway() + "/api/events/" + eventId + "/availability?invitation=" + code, null)
                                        .status()
                                == 200);
        // Never in the public list, and not found without the invitation.
        assertThat(get(convene.gateway() + "/api/events", null).body()).doesNotContain(eventId);
        assertThat(get(convene.gateway() + "/api/events/" + eventId, null).status())
                .isEqualTo(404);
    }

    @Test
    @Order(3)
    void aYoungPersonRegistersWithTheInvitationAndHearsOnceWhenTheirInterpreterIsBooked() {
        var withoutCode = Http.postFrom(
                "198.51.100.201", convene.gateway() + "/api/events/" + eventId + "/registrations", """
                {"attendee":{"name":"No Code","email":"nocode-%s@example.org","role":"YOUNG_PERSON","ageBand":"AGE_18_TO_25"}}""".formatted(tag));
        assertThat(withoutCode.status()).isEqualTo(404);

        var registered = Http.postFrom(
                "198.51.100.202", convene.gateway() + "/api/events/" + eventId + "/registrations", """
                {"attendee":{"name":"Riley","email":"%s","role":"YOUNG_PERSON","ageBand":"AGE_18_TO_25"},
                 "supportNeeds":{"interpreter":"BSL"},"invitation":"%s"}""".formatted(
                                youngPerson, code));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().path("status").asString()).isEqualTo("CONFIRMED");
        manageLink = registered.json().path("manageLink").asString();
        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, youngPerson).contains("You're booked: " + title));

        var plan = get(convene.gateway() + "/api/events/" + eventId + "/support-plan", organiser);
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().path("outstanding").asInt()).isEqualTo(1);
        var arranged = post(
                convene.gateway() + "/api/events/" + eventId + "/support-plan/arrangements",
                "{\"need\":\"INTERPRETER_BSL\",\"note\":\"Your BSL interpreter is booked: Sam from Signs Ltd.\"}",
                organiser);
        assertThat(arranged.status()).as(arranged.body()).isEqualTo(200);
        assertThat(arranged.json().path("outstanding").asInt()).isZero();

        var subject = "Arranged for you: " + title;
        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, youngPerson).contains(subject));
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(20))
                .until(() -> subjectsTo(convene, youngPerson).stream()
                                .filter(subject::equals)
                                .count()
                        == 1);
        var email = emailsTo(convene, youngPerson).stream()
                .filter(each -> each.path("subject").asString().equals(subject))
                .findFirst()
                .orElseThrow();
        assertThat(email.path("text").asString()).contains("BSL interpreter: arranged.", "Sam from Signs Ltd");

        var token = manageLink.substring(manageLink.lastIndexOf('/') + 1);
        var page = get(convene.gateway() + "/api/registrations/manage/" + token + "/arranged", null);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("INTERPRETER_BSL", "Sam from Signs Ltd");
    }

    @Test
    @Order(4)
    void noServiceLogsTheInvitationCodeOrTheRequestersDetails() throws Exception {
        var secrets = List.of(code, requester, youngPerson, "Sam Patel");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(ServiceLogs.linesNaming(convene, secrets, true))
                        .as("log lines naming an invitation code, a requester or a person")
                        .isEmpty());
    }
}
