package org.convene.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import java.io.IOException;
import java.net.URI;
import org.convene.testing.ManagementPort;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;

/**
 * The pages against the services' APIs over real HTTP (a stub that records what reached it): what
 * a person sees, what is refused before anything is sent, and what never leaks.
 */
class WebApplicationTests extends PagesTestContext {

    static final String EVENT = """
            {"id":"e-1","organisationId":"org-a","status":"PUBLISHED","title":"Peer research <b>workshop</b>",
             "summary":"Plan a study together","format":"WORKSHOP","audience":"YOUNG_PEOPLE","topics":["research"],
             "startsAt":"2027-02-10T10:00:00Z","endsAt":"2027-02-10T14:00:00Z","timeZone":"Europe/London",
             "capacity":10,"maxCompanions":2,
             "venue":{"name":"Youth Hub","address":"1 High Street","postcode":"LS1 1AA","accessibility":["STEP_FREE_ACCESS"]},
             "online":false,"support":{"interpreterLanguages":["BSL"],"foodProvided":false,"dietaryOptions":[],"travelSupport":false}}""";
    static final String AVAILABILITY = """
            {"eventId":"e-1","status":"PUBLISHED","capacity":10,"seatsTaken":7,"seatsLeft":3,"waiting":0}""";

    @Autowired
    WebTestClient client;

    @Autowired
    ApplicationContext context;

    @LocalManagementPort
    int managementPort;

    @Test
    void healthAndMetricsAreOnTheManagementPortNotOnThePagesPort() {
        for (var path : java.util.List.of("/actuator/health", "/actuator/prometheus")) {
            client.get().uri(path).exchange().expectStatus().isNotFound();
            ManagementPort.client(managementPort)
                    .get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @BeforeEach
    void publishedEvent() {
        services.reset();
        services.answer("GET /api/events", 200, "{\"events\":[" + EVENT + "],\"next\":null}");
        services.answer("GET /api/events/e-1", 200, EVENT);
        services.answer("GET /api/events/e-1/availability", 200, AVAILABILITY);
    }

    @Nested
    class FindingAWorkshop {

        @Test
        void listsUpcomingWorkshopsInTheirOwnTimeZoneWithSeatsLeftAndEscapesTitles() {
            var page = page("/");
            assertThat(page)
                    .contains(
                            "Wednesday 10 February 2027, 10:00 to 14:00 (UK time)", "3 seats left", "Step-free access")
                    .contains("Peer research &lt;b&gt;workshop&lt;/b&gt;")
                    .doesNotContain("<b>workshop</b>");
        }

        @Test
        void passesTheFiltersOnToTheEventsApi() {
            page("/?audience=CARERS&format=TRAINING&topic=housing&ignored=x");
            var asked = services.received("GET").stream()
                    .filter(r -> r.path().equals("/api/events"))
                    .findFirst()
                    .orElseThrow();
            assertThat(asked.query())
                    .contains("audience=CARERS", "format=TRAINING", "topic=housing")
                    .doesNotContain("ignored");
        }

        @Test
        void aListOfTwentyWorkshopsAsksForTheirSeatsInOneCall() {
            var events = new java.util.ArrayList<String>();
            var seats = new java.util.ArrayList<String>();
            for (int i = 1; i <= 20; i++) {
                events.add(EVENT.replace("\"id\":\"e-1\"", "\"id\":\"e-" + i + "\""));
                seats.add(AVAILABILITY.replace("e-1", "e-" + i).replace("\"seatsLeft\":3", "\"seatsLeft\":" + i));
            }
            services.answer("GET /api/events", 200, "{\"events\":[" + String.join(",", events) + "],\"next\":null}");
            services.answer("GET /api/events/availability", 200, "[" + String.join(",", seats) + "]");

            assertThat(page("/")).contains("1 seat left", "7 seats left", "20 seats left");

            var asked = services.received("GET").stream()
                    .filter(r -> r.path().contains("availability"))
                    .toList();
            assertThat(asked).as("one call for the seats of the whole list").hasSize(1);
            assertThat(asked.getFirst().path()).isEqualTo("/api/events/availability");
            assertThat(asked.getFirst().query())
                    .isEqualTo("ids="
                            + String.join(
                                    ",",
                                    java.util.stream.IntStream.rangeClosed(1, 20)
                                            .mapToObj(i -> "e-" + i)
                                            .toList()));
        }

        @Test
        void whereTheBatchIsNotOfferedTheSeatsAreAskedEventByEvent() {
            services.problem("GET /api/events/availability", 401, "{\"status\":401}");

            assertThat(page("/")).contains("3 seats left");
            assertThat(services.received("GET").stream().map(StubServices.Received::path))
                    .contains("/api/events/availability", "/api/events/e-1/availability");
        }

        @Test
        void whenTheSeatsCannotBeHadTheListShowsWithoutThem() {
            services.problem("GET /api/events/availability", 503, "{\"status\":503}");

            assertThat(page("/")).contains("Peer research").doesNotContain("3 seats left");
            assertThat(services.received("GET").stream().map(StubServices.Received::path))
                    .doesNotContain("/api/events/e-1/availability");
        }

        @Test
        void theListAndAWorkshopsPageOfferTheOrganisationsCalendarFeedAtItsPublicHttpsAddress() {
            // The list: the site's own organisation (as the newsletter's); a workshop's page: the workshop's. The
            // address to paste into a calendar app is the public one.
            assertThat(page("/"))
                    .contains("Subscribe in your calendar")
                    .contains("href=\"/api/organisations/demo/events.ics\"")
                    .contains("<code>https://convene.example.org/api/organisations/demo/events.ics</code>")
                    .contains("Add this link to your calendar app to see new workshops as they are published")
                    .doesNotContain("webcal:");
            assertThat(page("/workshops/e-1"))
                    .contains("Subscribe in your calendar")
                    .contains("href=\"/api/organisations/org-a/events.ics\"")
                    .contains("<code>https://convene.example.org/api/organisations/org-a/events.ics</code>")
                    .doesNotContain("webcal:");
        }

        @Test
        void anUnknownWorkshopIsAPlainNotFoundPage() {
            client.get()
                    .uri("/workshops/nope")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("We can’t find that page"));
        }
    }

    @Nested
    class Registering {

        @Test
        void aConfirmedRegistrationGoesToThePersonsOwnPage() {
            services.answer("POST /api/events/e-1/registrations", 201, """
                    {"registrationId":"r-1","eventId":"e-1","status":"CONFIRMED","seats":2,
                     "manageLink":"http://localhost:8080/manage/tok-123"}""");
            client.post()
                    .uri("/workshops/e-1/register")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("attendee.name", "Jordan")
                            .with("attendee.email", "jordan@example.org")
                            .with("attendee.role", "YOUNG_PERSON")
                            .with("attendee.ageBand", "AGE_18_TO_25")
                            .with("companions.CARER", "1")
                            .with("supportNeeds.interpreter", "BSL")
                            .with("supportNeeds.access", "STEP_FREE_ACCESS"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/manage/tok-123?registered");
            var sent = services.received("POST").getFirst().body();
            assertThat(sent)
                    .contains(
                            "\"companions\":[\"CARER\"]",
                            "\"interpreter\":\"BSL\"",
                            "\"access\":[\"STEP_FREE_ACCESS\"]");
        }

        @Test
        void aFormWithoutTheRightTokenIsRefusedAndNothingReachesTheService() {
            client.post()
                    .uri("/workshops/e-1/register")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", "forged").with("attendee.name", "Jordan"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            client.post()
                    .uri("/workshops/e-1/register")
                    .body(BodyInserters.fromFormData("_csrf", CSRF).with("attendee.name", "Jordan"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            assertThat(services.received("POST")).isEmpty();
        }

        @Test
        void theApisFieldErrorsAreListedAtTheTopLinkedToTheirFieldsAndTheAnswersAreKept() {
            services.problem("POST /api/events/e-1/registrations", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "detail":"Please correct the fields listed in errors; nothing was saved.",
                     "errors":[{"field":"attendee.email","message":"must be a well-formed email address"},
                               {"field":"attendee.ageBand","message":"must not be null"}]}""");
            client.post()
                    .uri("/workshops/e-1/register")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("attendee.name", "Jordan")
                            .with("attendee.email", "not-an-address"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .value(body -> assertThat(body)
                            .contains("id=\"error-summary\"", "href=\"#attendee-email\"", "href=\"#attendee-ageBand\"")
                            .contains("Enter an email address in the right format", "Choose your age")
                            .contains("value=\"Jordan\"", "aria-invalid=\"true\"")
                            .contains("<title>Error: "));
        }

        @Test
        void theApisRefusalOfANameThatIsNotPlainTextIsShownInWordsAndTheAnswerIsKeptEscaped() {
            services.problem("POST /api/events/e-1/registrations", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "detail":"Please correct the fields listed in errors; nothing was saved.",
                     "errors":[{"field":"attendee.name","message":"must not contain markup such as <tags>"}]}""");
            client.post()
                    .uri("/workshops/e-1/register")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("attendee.name", "<script>alert(1)</script>")
                            .with("attendee.email", "sam@example.org"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .value(body -> assertThat(body)
                            .contains(
                                    "href=\"#attendee-name\"", "Your name must not contain markup such as &lt;tags&gt;")
                            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                            .doesNotContain("<script>alert(1)"));
        }

        @Test
        void anAlreadyRegisteredPersonIsToldWhereTheirRegistrationIs() {
            services.problem("POST /api/events/e-1/registrations", 409, """
                    {"type":"https://convene.dev/problems/already-registered","status":409,"detail":"x"}""");
            client.post()
                    .uri("/workshops/e-1/register")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF).with("attendee.name", "Jordan"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("You are already registered for this workshop"));
        }

        @Test
        void aServiceThatDoesNotAnswerInTimeGivesAPlainPageWithNoInternals() {
            services.slow("GET /api/events/e-1", 3_000);
            client.get()
                    .uri("/workshops/e-1")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectBody(String.class)
                    .value(body -> assertThat(body)
                            .contains("this isn’t working right now", "Nothing was changed")
                            .doesNotContain("Exception", "127.0.0.1", "Timeout", "at org."));
        }
    }

    @Nested
    class ManagingARegistration {

        static final String REGISTRATION = """
                {"registrationId":"r-1","eventId":"e-1","status":"WAITLISTED","waitlistPosition":3,"seats":2,
                 "attendeeName":"Jordan","companions":["CARER"],"supportRequested":["INTERPRETER_BSL","DIETARY"],
                 "manageLink":"http://localhost:8080/manage/tok-1"}""";

        @Test
        void openingTheLinkShowsThePlaceAndTheSupportInWordsAndChangesNothing() {
            services.answer("GET /api/registrations/manage/tok-1", 200, REGISTRATION);
            var page = page("/manage/tok-1");
            assertThat(page)
                    .contains("On the waiting list, number 3", "you and Carer")
                    .contains("British Sign Language (BSL) interpreter, Food needs");
            assertThat(services.received("POST")).isEmpty();
        }

        @Test
        void aConfirmedPageShowsEachPersonsCheckInCodeAsAQrCodeWithItsLetters() throws Exception {
            services.answer("GET /api/registrations/manage/tok-1", 200, """
                    {"registrationId":"r-1","eventId":"e-1","status":"CONFIRMED","seats":2,
                     "attendeeName":"Sam Worker","companions":[],"supportRequested":[],
                     "manageLink":"http://localhost:8080/manage/tok-1","checkInCode":"code-of-sam_0123456789",
                     "group":{"organisation":"Rutland County Council","members":[
                       {"memberId":"m1","name":"Riley","supportRequested":[],"waiting":false,
                        "checkInCode":"code-of-riley_987654321"}]}}""");
            var page = page("/manage/tok-1");
            assertThat(page)
                    .contains("Show this at the door", "code-of-sam_0123456789", "code-of-riley_987654321")
                    .contains("aria-label=\"Check-in code for Riley\"");
            var svgs = page.split("<svg", -1);
            assertThat(svgs).hasSize(3);
            assertThat(QrDrawings.read("<svg" + svgs[1])).isEqualTo("code-of-sam_0123456789");
            assertThat(QrDrawings.read("<svg" + svgs[2])).isEqualTo("code-of-riley_987654321");
        }

        @Test
        void erasingSaysTheDataIsGoneAndTheLinkNoLongerWorks() {
            services.answer("POST /api/registrations/manage/tok-1/erase", 204, "");
            client.post()
                    .uri("/manage/tok-1/erase")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("Your data is erased"));
            assertThat(services.received("POST").getFirst().path()).isEqualTo("/api/registrations/manage/tok-1/erase");
        }

        @Test
        void aLinkThatMatchesNothingIsAPlainNotFoundPage() {
            client.get()
                    .uri("/manage/unknown")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .value(body ->
                            assertThat(body).contains("We can’t find that page").doesNotContain("404 NOT_FOUND"));
        }
    }

    @Nested
    class Organisers {

        @Test
        void anEditThatRacedAnotherSaysSoKeepsTheFormAndSavesNothing() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer(
                    "GET /api/events/e-1",
                    200,
                    EVENT.replace("\"status\":\"PUBLISHED\"", "\"status\":\"DRAFT\",\"version\":3"));
            services.problem("PUT /api/events/e-1", 412, """
                    {"type":"https://convene.dev/problems/edit-conflict","status":412,"detail":"changed"}""");
            client.post()
                    .uri("/organiser/events/e-1")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("version", "2")
                            .with("title", "My new title")
                            .with("capacity", "12"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(412)
                    .expectBody(String.class)
                    .value(body ->
                            assertThat(body).contains("Someone else changed this event", "value=\"My new title\""));
            var put = services.received("PUT").getFirst();
            assertThat(put.body())
                    .contains("\"title\":\"My new title\"", "\"capacity\":12")
                    .as("a form without the group limit keeps the default")
                    .contains("\"groupLimit\":12");
        }

        @Test
        void eachYoungPersonOfAGroupIsCheckedInOnTheirOwnBesideTheirWorker() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer("GET /api/events/e-1/registrations", 200, """
                    [{"registrationId":"r-9","memberId":null,"groupContact":null,"organisation":"Rutland County Council",
                      "status":"CONFIRMED","seats":1,"name":"Sam Worker","companions":[],"accessNeeds":[],"dietary":[],
                      "guardianConsent":false,"photoConsent":false,"contactConsent":false},
                     {"registrationId":"r-9","memberId":"m1","groupContact":"Sam Worker",
                      "organisation":"Rutland County Council","status":"CONFIRMED","seats":1,"name":"Riley",
                      "companions":[],"accessNeeds":[],"dietary":[],
                      "guardianConsent":false,"photoConsent":false,"contactConsent":false}]""");
            services.answer("POST /api/registrations/r-9/check-in", 204, "");
            var page = client.get()
                    .uri("/organiser/events/e-1/check-in")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("id=\"r-r-9\"", "id=\"r-r-9-m1\"", "with Sam Worker (Rutland County Council)")
                    .contains("name=\"memberId\" value=\"m1\"");

            client.post()
                    .uri("/organiser/events/e-1/registrations/r-9/check-in")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("from", "check-in")
                            .with("attendance", "ATTENDED")
                            .with("memberId", "m1"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/events/e-1/check-in#r-r-9-m1");
            assertThat(services.received("POST").getFirst().body())
                    .contains("\"memberId\":\"m1\"", "\"attendance\":\"ATTENDED\"");
        }

        @Test
        void aCheckInCodeTypedAtTheDoorChecksThatPersonInAndSaysWho() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer("GET /api/events/e-1/registrations", 200, "[]");
            services.answer("POST /api/events/e-1/check-in", 200, """
                    {"registrationId":"r-9","memberId":"m1","name":"Riley","attendance":"ATTENDED"}""");
            assertThat(client.get()
                            .uri("/organiser/events/e-1/check-in")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .contains("Check in by code", "<label for=\"check-in-code\">Check-in code</label>")
                    .contains("action=\"/organiser/events/e-1/check-in/code\"");

            var page = client.post()
                    .uri("/organiser/events/e-1/check-in/code")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF).with("code", " code-of-riley_987 "))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page).contains("role=\"status\" id=\"code-result\">Riley checked in</p>");
            var sent = services.received("POST").getFirst();
            assertThat(sent.path()).isEqualTo("/api/events/e-1/check-in");
            assertThat(sent.body()).contains("\"code\":\"code-of-riley_987\"", "\"attendance\":\"ATTENDED\"");
            assertThat(sent.authorization()).isEqualTo("Bearer " + token);
        }

        @Test
        void aCodeThatNamesNoOneAtTheEventSaysSoAndOneNotConfirmedIsRefused() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer("GET /api/events/e-1/registrations", 200, "[]");
            services.problem("POST /api/events/e-1/check-in", 404, """
                    {"type":"https://convene.dev/problems/not-found","status":404,"detail":"No one with that code at this event"}""");
            var page = client.post()
                    .uri("/organiser/events/e-1/check-in/code")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF).with("code", "tok-1"))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("role=\"alert\"", "No one with that code at this event", "value=\"tok-1\"")
                    .doesNotContain("checked in</p>");

            services.problem("POST /api/events/e-1/check-in", 409, """
                    {"type":"https://convene.dev/problems/refused","status":409,"detail":"Only a confirmed registration can be checked in."}""");
            client.post()
                    .uri("/organiser/events/e-1/check-in/code")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF).with("code", "code-of-casey"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("does not have a confirmed place"));

            services.received.clear();
            client.post()
                    .uri("/organiser/events/e-1/check-in/code")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF).with("code", "  "))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("Enter the check-in code"));
            assertThat(services.received("POST")).isEmpty();
        }

        @Test
        void strangersAreSentToSignIn() {
            client.get()
                    .uri("/organiser")
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/oauth2/authorization/convene");
        }

        @Test
        void theOrganisersOwnTokenGoesToTheServicesAndAForgedOneNever() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer(
                    "GET /api/organisations/org-a/events",
                    200,
                    "[" + EVENT.replace("\"status\":\"PUBLISHED\"", "\"status\":\"DRAFT\",\"version\":3") + "]");
            client.get()
                    .uri("/organiser")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .accept(MediaType.TEXT_HTML)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("Your events", "Draft"));
            assertThat(services.received("GET").getFirst().authorization()).isEqualTo("Bearer " + token);

            services.reset();
            client.get()
                    .uri("/organiser")
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestTokens.shared().tamperedToken("org-b", "org-a"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther();
            assertThat(services.received).isEmpty();
        }
    }

    @Test
    void pagesCarryAContentSecurityPolicyWithoutThirdPartyHosts() {
        client.get()
                .uri("/")
                .exchange()
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp)
                                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                                .doesNotContain("http"));
    }

    @Test
    void theFirstPageNeedsUnder100KilobytesOfCompressedScriptAndStyleAllServedByUs() throws IOException {
        var page = page("/");
        var assets = java.util.regex.Pattern.compile("(?:href|src)=\"([^\"]+\\.(?:css|js))\"")
                .matcher(page)
                .results()
                .map(match -> match.group(1))
                .toList();
        assertThat(assets).isNotEmpty().allSatisfy(asset -> assertThat(asset).startsWith("/assets/"));
        assertThat(page).doesNotContainPattern("(?:href|src)=\"(?:https?:)?//");
        long compressed = 0;
        for (var asset : assets) {
            var bytes = client.get()
                    .uri(asset)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(byte[].class)
                    .returnResult()
                    .getResponseBody();
            var gzipped = new java.io.ByteArrayOutputStream();
            try (var gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
                gzip.write(bytes);
            }
            compressed += gzipped.size();
        }
        assertThat(compressed).isLessThan(100 * 1024);
    }

    @Nested
    class BookingForAGroup {

        private String post(
                org.springframework.web.reactive.function.BodyInserters.FormInserter<String> form, int status) {
            return client.post()
                    .uri("/workshops/e-1/group")
                    .header("X-Convene-Csrf", CSRF)
                    .body(form)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(status)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }

        @Test
        void theWorkshopPageLeadsToAFormForThreeYoungPeopleToStart() {
            assertThat(page("/workshops/e-1")).contains("href=\"/workshops/e-1/group\"");
            var form = page("/workshops/e-1/group");
            assertThat(form)
                    .contains("<legend>Young person 1</legend>", "<legend>Young person 3</legend>")
                    .doesNotContain("Young person 4</legend>")
                    .contains("name=\"group.members[2].name\"", "id=\"group-members-2--name\"")
                    .contains("Add another young person", "Remove young person 3", "Up to 12 young people");
        }

        @Test
        void addingAndRemovingPeopleKeepsWhatWasTypedForEveryoneElse() {
            var added = post(
                    BodyInserters.fromFormData("_csrf", CSRF)
                            .with("people", "2")
                            .with("action", "add")
                            .with("attendee.name", "Sam Worker")
                            .with("group.members[0].name", "Riley")
                            .with("group.members[1].name", "Casey"),
                    200);
            assertThat(added)
                    .contains("<legend>Young person 3</legend>", "value=\"Sam Worker\"", "value=\"Riley\"")
                    .contains("value=\"Casey\"");

            var removed = post(
                    BodyInserters.fromFormData("_csrf", CSRF)
                            .with("people", "3")
                            .with("action", "remove-0")
                            .with("group.members[0].name", "Riley")
                            .with("group.members[1].name", "Casey")
                            .with("group.members[1].supportNeeds.access", "QUIET_SPACE")
                            .with("group.members[2].name", "Jo"),
                    200);
            assertThat(removed)
                    .doesNotContain("value=\"Riley\"", "Young person 3</legend>")
                    .contains("value=\"Casey\"", "value=\"Jo\"");
            assertThat(removed.indexOf("value=\"Casey\""))
                    .isLessThan(removed.indexOf("<legend>Young person 2</legend>"));
            assertThat(services.received("POST"))
                    .as("nothing is booked until the worker books")
                    .isEmpty();
        }

        @Test
        void bookingSendsTheWholeGroupAndGoesToTheWorkersOwnPage() {
            services.answer("POST /api/events/e-1/registrations", 201, """
                    {"registrationId":"r-9","eventId":"e-1","status":"CONFIRMED","seats":4,
                     "manageLink":"http://localhost:8080/manage/tok-group"}""");
            client.post()
                    .uri("/workshops/e-1/group")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("people", "2")
                            .with("action", "book")
                            .with("attendee.name", "Sam Worker")
                            .with("attendee.email", "sam@example.org")
                            .with("attendee.role", "PROFESSIONAL")
                            .with("group.organisation", "Rutland County Council")
                            .with("companions.INTERPRETER", "1")
                            .with("group.members[0].name", "Riley")
                            .with("group.members[0].ageBand", "UNDER_16")
                            .with("group.members[0].guardian.name", "Parent")
                            .with("group.members[0].guardian.contact", "parent@example.org")
                            .with("group.members[0].guardian.consentGiven", "true")
                            .with("group.members[1].name", "Casey")
                            .with("group.members[1].ageBand", "AGE_18_TO_25")
                            .with("group.members[1].email", "casey@example.org")
                            .with("group.members[1].ownConfirmation", "true"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/manage/tok-group?registered");
            var sent = services.received("POST").getFirst().body();
            assertThat(sent)
                    .contains("\"role\":\"PROFESSIONAL\"", "\"companions\":[\"INTERPRETER\"]")
                    .contains("\"organisation\":\"Rutland County Council\"")
                    .contains("\"name\":\"Riley\"", "\"consentGiven\":true", "\"name\":\"Casey\"")
                    .contains("\"email\":\"casey@example.org\",\"ownConfirmation\":true");
        }

        @Test
        void theWorkersOwnPageListsTheYoungPeopleAndTakesOneOff() {
            var booked = """
                    {"registrationId":"r-9","eventId":"e-1","status":"CONFIRMED","seats":3,"attendeeName":"Sam Worker",
                     "companions":[],"supportRequested":["QUIET_SPACE"],
                     "group":{"organisation":"Rutland County Council","members":[
                       {"memberId":"m1","name":"Riley","supportRequested":["QUIET_SPACE"]},
                       {"memberId":"m2","name":"<b>Casey</b>","supportRequested":[]}]},
                     "manageLink":"http://localhost:8080/manage/tok-group"}""";
            services.answer("GET /api/registrations/manage/tok-group", 200, booked);
            services.answer("DELETE /api/registrations/manage/tok-group/group/members/m1", 200, booked);

            assertThat(page("/manage/tok-group"))
                    .contains("Young people in your group from Rutland County Council")
                    .contains("Riley", "&lt;b&gt;Casey&lt;/b&gt;", "Remove Riley")
                    .contains("action=\"/manage/tok-group/group/members/m1/remove\"")
                    .doesNotContain("<b>Casey</b>");
            client.post()
                    .uri("/manage/tok-group/group/members/m1/remove")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/manage/tok-group?removed");
            assertThat(services.received("DELETE"))
                    .extracting(StubServices.Received::path)
                    .containsExactly("/api/registrations/manage/tok-group/group/members/m1");
        }

        @Test
        void theApisErrorsAboutOnePersonLinkToThatPersonsField() {
            services.problem("POST /api/events/e-1/registrations", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "detail":"Please correct the fields listed in errors; nothing was saved.",
                     "errors":[{"field":"group.members[1].guardian.name","message":"is needed for anyone under 18"}]}""");
            var page = post(
                    BodyInserters.fromFormData("_csrf", CSRF)
                            .with("people", "2")
                            .with("action", "book")
                            .with("group.members[1].name", "Casey")
                            .with("group.members[1].ageBand", "UNDER_16"),
                    400);
            assertThat(page)
                    .contains("href=\"#group-members-1--guardian-name\"")
                    .contains("Young person 2: parent or guardian’s name is needed for anyone under 18")
                    .contains("<title>Error: ")
                    .contains("value=\"Casey\"");
        }
    }

    /**
     * Accepting part of a waiting group (issue 18): the organiser chooses young people of a group that waits
     * whole, the API decides whether they fit; the rest of the group keeps its place, and the pages say who
     * still waits, to the organiser and to the worker.
     */
    @Nested
    class AcceptingPartOfAWaitingGroup {

        static final String SUMMARY = """
                {"seatsConfirmed":6,"registrationsConfirmed":2,"seatsWaitlisted":4,"registrationsWaitlisted":1,
                 "companionsByKind":{},"interpretersByLanguage":{},"accessNeedsByKind":{},"dietaryNeeds":{},
                 "underEighteenWithConsent":0,"attended":0,"noShows":0}""";

        /** r-7 waits whole (Sam Worker and three young people); r-8 was accepted in part: Kit still waits. */
        static final String ROWS = """
                [%s,%s,%s,%s,%s,%s,%s]""".formatted(
                        row("r-7", null, null, "WAITLISTED", "Sam Worker", "\"Rutland County Council\""),
                        row("r-7", "m1", "Sam Worker", "WAITLISTED", "Riley", null),
                        row("r-7", "m2", "Sam Worker", "WAITLISTED", "Casey", null),
                        row("r-7", "m3", "Sam Worker", "WAITLISTED", "Jo", null),
                        row("r-8", null, null, "CONFIRMED", "Pat Carer", null),
                        row("r-8", "n1", "Pat Carer", "CONFIRMED", "Alex", null),
                        row("r-8", "n2", "Pat Carer", "WAITLISTED", "Kit", null));

        static String row(
                String registration, String member, String contact, String status, String name, String invitation) {
            return """
                    {"registrationId":"%s","memberId":%s,"groupContact":%s,"organisation":"Rutland County Council",
                     "invitation":%s,"status":"%s","seats":1,"name":"%s","companions":[],"accessNeeds":[],
                     "dietary":[],"guardianConsent":false,"photoConsent":false,"contactConsent":false}""".formatted(
                            registration,
                            member == null ? "null" : "\"" + member + "\"",
                            contact == null ? "null" : "\"" + contact + "\"",
                            invitation,
                            status,
                            name);
        }

        @BeforeEach
        void aWaitingGroupAndAPartlyAcceptedOne() {
            services.answer("GET /api/events/e-1/registrations/summary", 200, SUMMARY);
            services.answer("GET /api/events/e-1/registrations", 200, ROWS);
        }

        @Test
        void theEventPageOffersToAcceptSomeOfAWaitingGroupAndMarksWhoStillWaitsAndWhoInvitedThem() {
            var page = organiserPage("/organiser/events/e-1");
            assertThat(page)
                    .contains("<h2 id=\"waiting-groups-heading\">Accept some now</h2>")
                    .contains("action=\"/organiser/events/e-1/registrations/r-7/accept-part\"")
                    .contains("<legend>Young people in Sam Worker’s group from Rutland County Council</legend>")
                    .contains("<input type=\"checkbox\" name=\"memberIds\" id=\"accept-r-7-m1\" value=\"m1\">")
                    .contains("<label for=\"accept-r-7-m3\">Jo</label>")
                    .contains("Accept the people chosen")
                    .contains("name=\"_csrf\"")
                    .as("a group accepted in part is not offered again")
                    .doesNotContain("registrations/r-8/accept-part", "accept-r-8-n2")
                    .contains("Invited by Rutland County Council");
            var kit = page.substring(page.indexOf("id=\"r-r-8-n2\""));
            assertThat(kit.substring(0, kit.indexOf("</tr>")))
                    .contains("<span class=\"need\">Waiting</span>", "keeps the group’s place in the queue");
            var alex = page.substring(page.indexOf("id=\"r-r-8-n1\""));
            assertThat(alex.substring(0, alex.indexOf("</tr>"))).doesNotContain("Waiting");
            var riley = page.substring(page.indexOf("id=\"r-r-7-m1\""));
            assertThat(riley.substring(0, riley.indexOf("</tr>")))
                    .as("a young person of a group waiting whole is on the waiting list like the rest of it")
                    .contains("Waiting list")
                    .doesNotContain("class=\"need\">Waiting<");
        }

        @Test
        void acceptingPostsTheChosenToTheApiAndSaysHowManyCameNow() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer("POST /api/registrations/r-7/accept-part", 204, "");
            client.post()
                    .uri("/organiser/events/e-1/registrations/r-7/accept-part")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("memberIds", "m1")
                            .with("memberIds", "m3"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/events/e-1?done=accept&accepted=2");
            assertThat(services.received("POST")).singleElement().satisfies(sent -> {
                assertThat(sent.path()).isEqualTo("/api/registrations/r-7/accept-part");
                assertThat(sent.authorization()).isEqualTo("Bearer " + token);
                assertThat(sent.body()).isEqualTo("{\"memberIds\":[\"m1\",\"m3\"]}");
            });
            assertThat(organiserPage("/organiser/events/e-1?done=accept&accepted=2"))
                    .contains("Accepted 2 of the group; the others keep the group’s place in the queue.");
        }

        @Test
        void aRefusalForWantOfPlacesIsShownAtTheGroupsFormWithTheChoiceKept() {
            services.problem("POST /api/registrations/r-7/accept-part", 409, """
                    {"type":"https://convene.dev/problems/registration-refused","status":409,
                     "detail":"There are not enough free places for the people chosen."}""");
            var page = accept(409, "m2");
            assertThat(page)
                    .contains("<title>Error: ", "id=\"error-summary\"")
                    .contains("<a href=\"#accept-r-7-m1\">There are not enough free places for the people chosen.</a>")
                    .contains("id=\"accept-r-7-m2\" value=\"m2\" checked=\"checked\"")
                    .contains("<input type=\"checkbox\" name=\"memberIds\" id=\"accept-r-7-m1\" value=\"m1\">")
                    .contains("aria-describedby=\"accept-r-7-hint accept-r-7-error\"");
        }

        @Test
        void theApisFieldErrorsAboutTheChoiceAreSentencesForPeople() {
            services.problem("POST /api/registrations/r-7/accept-part", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "detail":"Please correct the fields listed in errors; nothing was saved.",
                     "errors":[{"field":"memberIds","message":"choose some of the group, not all: the whole group is served from the queue as soon as its places are free"}]}""");
            assertThat(accept(400, "m1", "m2", "m3"))
                    .contains("href=\"#accept-r-7-m1\">Choose some of the group, not all: the whole group is served")
                    .contains("id=\"accept-r-7-m3\" value=\"m3\" checked=\"checked\"");

            services.problem("POST /api/registrations/r-7/accept-part", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "errors":[{"field":"memberIds","message":"must not be empty"}]}""");
            assertThat(accept(400)).contains("href=\"#accept-r-7-m1\">Choose the young people who can come now</a>");
            assertThat(services.received("POST").getLast().body()).isEqualTo("{\"memberIds\":[]}");
        }

        @Test
        void theWorkersPageListsWhoIsBookedApartFromWhoStillWaitsAndTheirPlace() {
            var partly = """
                    {"registrationId":"r-8","eventId":"e-1","status":"CONFIRMED","waitlistPosition":2,"seats":3,
                     "attendeeName":"Pat Carer","companions":[],"supportRequested":[],
                     "group":{"organisation":"Rutland County Council","members":[
                       {"memberId":"n1","name":"Alex","supportRequested":[],"waiting":false},
                       {"memberId":"n2","name":"Kit","supportRequested":["QUIET_SPACE"],"waiting":true},
                       {"memberId":"n3","name":"Mo","supportRequested":[],"waiting":true}]},
                     "manageLink":"http://localhost:8080/manage/tok-partly"}""";
            services.answer("GET /api/registrations/manage/tok-partly", 200, partly);
            var page = page("/manage/tok-partly");
            assertThat(page)
                    .contains("Confirmed for 1 of your group; 2 still waiting, number 2 on the waiting list")
                    .contains("<h3 id=\"group-booked-heading\">Booked</h3>")
                    .contains("Still waiting for a place (number 2 in the queue)")
                    .contains("nobody can be added to it", "Remove Kit", "Remove Alex");
            var booked =
                    page.substring(page.indexOf("id=\"group-booked\""), page.indexOf("id=\"group-waiting-heading\""));
            assertThat(booked).contains("Alex").doesNotContain("Kit", "Mo");
            var waiting = page.substring(page.indexOf("id=\"group-waiting\""));
            assertThat(waiting.substring(0, waiting.indexOf("</ul>")))
                    .contains("Kit", "Mo", "(needs: A quiet space)")
                    .doesNotContain("Alex");

            services.answer(
                    "GET /api/registrations/manage/tok-whole",
                    200,
                    partly.replace("\"waiting\":true", "\"waiting\":false").replace("\"waitlistPosition\":2,", ""));
            assertThat(page("/manage/tok-whole"))
                    .contains("<strong>Confirmed</strong>", "Alex", "Kit")
                    .doesNotContain("Still waiting for a place", "nobody can be added", "group-booked-heading");
        }

        @Test
        void aWorkersChangeTheApiRefusesShowsItsSentenceAtTheGroup() {
            var partly = """
                    {"registrationId":"r-8","eventId":"e-1","status":"CONFIRMED","waitlistPosition":1,"seats":2,
                     "attendeeName":"Pat Carer","companions":[],"supportRequested":[],
                     "group":{"organisation":null,"members":[
                       {"memberId":"n1","name":"Alex","supportRequested":[],"waiting":false},
                       {"memberId":"n2","name":"Kit","supportRequested":[],"waiting":true}]},
                     "manageLink":"http://localhost:8080/manage/tok-partly"}""";
            services.answer("GET /api/registrations/manage/tok-partly", 200, partly);
            services.problem("DELETE /api/registrations/manage/tok-partly/group/members/n1", 409, """
                    {"type":"https://convene.dev/problems/registration-refused","status":409,
                     "detail":"The last young person cannot be taken off: cancel the registration instead."}""");
            client.post()
                    .uri("/manage/tok-partly/group/members/n1/remove")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(body -> assertThat(body)
                            .contains("id=\"group-refusal\"", "The last young person cannot be taken off"));
        }

        private String accept(int status, String... members) {
            var form = BodyInserters.fromFormData("_csrf", CSRF);
            for (var member : members) {
                form = form.with("memberIds", member);
            }
            return client.post()
                    .uri("/organiser/events/e-1/registrations/r-7/accept-part")
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestTokens.shared().organiserOf("org-a"))
                    .header("X-Convene-Csrf", CSRF)
                    .body(form)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(status)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }

        private String organiserPage(String path) {
            return client.get()
                    .uri(path)
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestTokens.shared().organiserOf("org-a"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }
    }

    /**
     * Partner sessions (issue 18, ADR 13): invitation links open invite-only workshops and carry their code
     * into the registration, and the organiser makes and revokes them. The stand-ins answer as the APIs do:
     * an invite-only event, its seats and its registration are a 404 without one of its valid codes.
     */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class PartnerSessions {

        static final String CODE = "k3V9q2m1ABcd_EFgh-ij45";
        static final String OTHER_CODE = "zZ0zZ0zZ0zZ0zZ0zZ0zZ0z";
        static final String INVITE_ONLY = EVENT.replace("\"id\":\"e-1\"", "\"id\":\"e-2\"")
                .replace("\"capacity\":10", "\"capacity\":10,\"visibility\":\"INVITE_ONLY\"");
        static final String ORGANISERS_VIEW = EVENT.replace(
                        "\"status\":\"PUBLISHED\"", "\"status\":\"PUBLISHED\",\"version\":4")
                .replace("\"capacity\":10", "\"capacity\":10,\"visibility\":\"INVITE_ONLY\"")
                .replace("\"online\":false", """
                        "online":false,"invitations":[
                          {"id":"p0q9r8s7tu","partner":"Leeds <b>Youth</b> Service","code":"%s","seatsHeld":0,
                           "releaseAt":null,"createdAt":"2026-11-01T10:00:00Z","revoked":true},
                          {"id":"k3v9q2m1ab","partner":"Rutland County Council","code":"%s","seatsHeld":10,
                           "releaseAt":"2027-02-03T17:00:00Z","createdAt":"2026-12-01T10:00:00Z","revoked":false}]""".formatted(OTHER_CODE, CODE));
        static final String MADE = """
                {"id":"k3v9q2m1ab","partner":"Rutland County Council","code":"%s","seatsHeld":10,
                 "releaseAt":"2027-02-03T17:00:00Z","createdAt":"2026-12-01T10:00:00Z","revoked":false}""".formatted(CODE);

        /** The invite-only workshop e-2, open with {@link #CODE} only. */
        @BeforeEach
        void inviteOnlyWorkshop() {
            services.answer("GET /api/events/e-2?invitation=" + CODE, 200, INVITE_ONLY);
            services.answer(
                    "GET /api/events/e-2/availability?invitation=" + CODE, 200, AVAILABILITY.replace("e-1", "e-2"));
            services.respond(
                    "POST /api/events/e-2/registrations",
                    request -> request.body().contains("\"invitation\":\"" + CODE + "\"")
                            ? StubServices.json(201, """
                                    {"registrationId":"r-5","eventId":"e-2","status":"CONFIRMED","seats":1,
                                     "manageLink":"http://localhost:8080/manage/tok-invited"}""")
                            : StubServices.notFound());
        }

        @Test
        void anInvitationLinkOpensAnInviteOnlyWorkshopAndTheRegistrationCarriesItsCode() {
            var page = page("/workshops/e-2?invitation=" + CODE);
            assertThat(page)
                    .contains("name=\"invitation\" value=\"" + CODE + "\"")
                    .contains("href=\"/workshops/e-2/group?invitation=" + CODE + "\"")
                    .as("the seats were asked with the code")
                    .contains("3 of 10 left");

            client.post()
                    .uri("/workshops/e-2/register")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("invitation", CODE)
                            .with("attendee.name", "Jordan")
                            .with("attendee.email", "jordan@example.org")
                            .with("attendee.role", "YOUNG_PERSON")
                            .with("attendee.ageBand", "AGE_18_TO_25"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/manage/tok-invited?registered");
            assertThat(services.received("POST").getFirst().body())
                    .contains("\"invitation\":\"" + CODE + "\"", "\"name\":\"Jordan\"");
        }

        @Test
        void theGroupFormKeepsTheCodeThroughItsLinksAndButtonsAndBooksWithIt() {
            var form = page("/workshops/e-2/group?invitation=" + CODE);
            assertThat(form)
                    .contains("name=\"invitation\" value=\"" + CODE + "\"")
                    .contains("href=\"/workshops/e-2?invitation=" + CODE + "\"");

            var added = client.post()
                    .uri("/workshops/e-2/group")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("invitation", CODE)
                            .with("people", "1")
                            .with("action", "add")
                            .with("group.members[0].name", "Riley"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(added)
                    .contains("<legend>Young person 2</legend>", "value=\"Riley\"")
                    .contains("name=\"invitation\" value=\"" + CODE + "\"");

            client.post()
                    .uri("/workshops/e-2/group")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("invitation", CODE)
                            .with("people", "1")
                            .with("action", "book")
                            .with("attendee.name", "Sam Worker")
                            .with("attendee.email", "sam@example.org")
                            .with("attendee.role", "PROFESSIONAL")
                            .with("group.members[0].name", "Riley")
                            .with("group.members[0].ageBand", "AGE_18_TO_25"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/manage/tok-invited?registered");
            assertThat(services.received("POST").getFirst().body())
                    .contains("\"invitation\":\"" + CODE + "\"", "\"organisation\":null");
        }

        @Test
        void withoutOneOfItsCodesAnInviteOnlyWorkshopIsNotFoundAndWhatCannotBeACodeIsNeverSent() {
            for (var path : java.util.List.of(
                    "/workshops/e-2",
                    "/workshops/e-2?invitation=" + OTHER_CODE,
                    "/workshops/e-2?invitation=" + CODE + "x",
                    "/workshops/e-2/group?invitation=" + OTHER_CODE)) {
                client.get()
                        .uri(path)
                        .exchange()
                        .expectStatus()
                        .isNotFound()
                        .expectBody(String.class)
                        .value(body -> assertThat(body).contains("We can’t find that page"));
            }
            assertThat(services.received("GET"))
                    .extracting(StubServices.Received::query)
                    .containsOnly(null, "invitation=" + OTHER_CODE);

            assertThat(page("/workshops/e-1?invitation=" + CODE + "x"))
                    .as("a public workshop opens as ever, without what cannot be a code")
                    .contains("Peer research")
                    .doesNotContain("name=\"invitation\"", CODE);
        }

        @Test
        void aRegistrationRefusedForItsInvitationSaysTheLinkIsNoLongerValid() {
            // A public workshop's page ignores a revoked code; its registration does not.
            services.respond(
                    "POST /api/events/e-1/registrations",
                    request -> request.body().contains("\"invitation\"")
                            ? StubServices.notFound()
                            : StubServices.json(201, "{}"));
            var refused = post(
                    "/workshops/e-1/register",
                    BodyInserters.fromFormData("_csrf", CSRF)
                            .with("invitation", OTHER_CODE)
                            .with("attendee.name", "Jordan"),
                    404);
            assertThat(refused)
                    .contains("This invitation link is no longer valid")
                    .contains("Ask the person who sent it to you for a new one.")
                    .doesNotContain(OTHER_CODE, "We can’t find that page");
            assertThat(services.received("POST").getFirst().body()).contains("\"invitation\":\"" + OTHER_CODE + "\"");

            // The group form of an invite-only workshop asks for the workshop first, with the code.
            var group = post(
                    "/workshops/e-2/group",
                    BodyInserters.fromFormData("_csrf", CSRF)
                            .with("invitation", OTHER_CODE)
                            .with("people", "1")
                            .with("action", "book"),
                    404);
            assertThat(group)
                    .contains("This invitation link is no longer valid")
                    .doesNotContain(OTHER_CODE);
            assertThat(services.received("POST")).hasSize(1);
        }

        private String post(String path, BodyInserters.FormInserter<String> form, int status) {
            return client.post()
                    .uri(path)
                    .header("X-Convene-Csrf", CSRF)
                    .body(form)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(status)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }

        @Test
        void thePersonsOwnPageOfAnInviteOnlyWorkshopShowsTheirRegistrationWithoutTheCode() {
            services.answer("GET /api/registrations/manage/tok-invited", 200, """
                    {"registrationId":"r-5","eventId":"e-2","status":"CONFIRMED","seats":1,"attendeeName":"Jordan",
                     "companions":[],"supportRequested":["INTERPRETER_BSL"],
                     "manageLink":"http://localhost:8080/manage/tok-invited"}""");
            assertThat(page("/manage/tok-invited?registered"))
                    .contains("You’re booked", "Jordan", "Confirmed", "In your confirmation email")
                    .contains("Cancel my registration", "Erase my data")
                    .as("without the workshop's interpreters, the support form would drop the one asked for")
                    .doesNotContain("Save my support needs")
                    .contains("reply to your confirmation email");
        }

        @Test
        void theCodeNeverReachesTheLogsNorTheTracesOfTheCalls(CapturedOutput output) {
            services.answer("GET /api/events/e-2?invitation=" + CODE, 200, "{\"id\": not json");
            client.get()
                    .uri("/workshops/e-2?invitation=" + CODE)
                    .exchange()
                    .expectStatus()
                    .is5xxServerError();
            assertThat(output.getAll()).contains("A page failed").doesNotContain(CODE);

            var convention = context.getBean(ClientRequestObservationConvention.class);
            var request = ClientRequest.create(
                            HttpMethod.GET, URI.create("http://events:8081/api/events/e-2?invitation=" + CODE))
                    .build();
            var observed = new ClientRequestObservationContext(ClientRequest.from(request));
            observed.setRequest(request);
            assertThat(convention.getHighCardinalityKeyValues(observed).stream())
                    .extracting(KeyValue::getValue)
                    .contains("http://events:8081/api/events/e-2")
                    .noneMatch(value -> value.contains(CODE));
        }

        @Test
        void noAddressOfAPageReachesAnotherSite() {
            client.get()
                    .uri("/workshops/e-2?invitation=" + CODE)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("Referrer-Policy", "same-origin")
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("<meta name=\"referrer\" content=\"same-origin\">"));
        }

        @Test
        void theOrganisersPageListsTheEventsInvitationsWithTheirLinksAndRevokeButtons() {
            services.answer("GET /api/events/e-1", 200, ORGANISERS_VIEW);
            var page = organiserPage("/organiser/events/e-1", "org-a");
            assertThat(page)
                    .contains("<h2 id=\"invitations-heading\">Invitations</h2>", "Who can find it", "Invitation only")
                    .contains("Rutland County Council", "Wednesday 3 February 2027, 17:00 (UK time)", "Active")
                    .contains("Leeds &lt;b&gt;Youth&lt;/b&gt; Service", "Until the event", "Revoked")
                    .contains(
                            "<label for=\"invitation-link-k3v9q2m1ab\">Invitation link for Rutland County Council</label>")
                    .contains(
                            "id=\"invitation-link-k3v9q2m1ab\" value=\"https://convene.example.org/workshops/e-1?invitation="
                                    + CODE + "\"")
                    .contains("action=\"/organiser/events/e-1/invitations/k3v9q2m1ab/revoke\"")
                    .contains("Revoke the invitation for Rutland County Council")
                    .as("a revoked invitation has neither a link nor a button")
                    .doesNotContain(OTHER_CODE, "invitations/p0q9r8s7tu/revoke")
                    .contains("Invite a partner organisation", "name=\"partner\"", "name=\"seatsHeld\"")
                    .contains("type=\"datetime-local\" id=\"releaseAt\" name=\"releaseAt\"");
            assertThat(page.indexOf("Rutland County Council"))
                    .as("active invitations first")
                    .isLessThan(page.indexOf("Leeds &lt;b&gt;Youth"));

            assertThat(organiserPage("/organiser/events/e-1", "org-b"))
                    .as("another organisation's organiser never sees them")
                    .doesNotContain("Invitations</h2>", CODE, "Rutland");
        }

        @Test
        void invitingAPartnerSendsTheReleaseDateInTheEventsOwnZoneAndShowsTheApisFieldErrors() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer("GET /api/events/e-1", 200, ORGANISERS_VIEW.replace("Europe/London", "Europe/Paris"));
            services.answer("POST /api/events/e-1/invitations", 201, MADE);
            client.post()
                    .uri("/organiser/events/e-1/invitations")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("partner", " Rutland County Council ")
                            .with("seatsHeld", "10")
                            .with("releaseAt", "2027-02-03T17:00"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/events/e-1?done=invite#invitations");
            var sent = services.received("POST").getFirst();
            assertThat(sent.path()).isEqualTo("/api/events/e-1/invitations");
            assertThat(sent.authorization()).isEqualTo("Bearer " + token);
            assertThat(sent.body())
                    .isEqualTo("{\"partner\":\"Rutland County Council\",\"seatsHeld\":10,"
                            + "\"releaseAt\":\"2027-02-03T16:00:00Z\"}");

            services.reset();
            services.answer("GET /api/events/e-1", 200, ORGANISERS_VIEW);
            services.problem("POST /api/events/e-1/invitations", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "detail":"Please correct the fields listed in errors; nothing was saved.",
                     "errors":[{"field":"seatsHeld","message":"must not be more than the event's 10 seats"},
                               {"field":"releaseAt","message":"must be before the event starts"}]}""");
            var page = client.post()
                    .uri("/organiser/events/e-1/invitations")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("partner", "Rutland County Council")
                            .with("seatsHeld", "40")
                            .with("releaseAt", "2027-03-01T10:00"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("<title>Error: ", "id=\"error-summary\"", "href=\"#seatsHeld\"", "href=\"#releaseAt\"")
                    .contains("Places to hold must not be more than the event&#39;s 10 seats")
                    .contains("Release date must be before the event starts")
                    .contains("value=\"40\"", "value=\"2027-03-01T10:00\"", "value=\"Rutland County Council\"")
                    .contains("aria-describedby=\"seatsHeld-hint seatsHeld-error\" aria-invalid=\"true\"");
            assertThat(services.received("POST").getFirst().body())
                    .contains("\"seatsHeld\":40", "\"releaseAt\":\"2027-03-01T10:00:00Z\"");
        }

        @Test
        void revokingAnInvitationPostsToItsRevokePath() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer(
                    "POST /api/events/e-1/invitations/k3v9q2m1ab/revoke",
                    200,
                    MADE.replace("\"revoked\":false", "\"revoked\":true"));
            client.post()
                    .uri("/organiser/events/e-1/invitations/k3v9q2m1ab/revoke")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/events/e-1?done=revoke#invitations");
            assertThat(services.received("POST")).singleElement().satisfies(revoke -> {
                assertThat(revoke.path()).isEqualTo("/api/events/e-1/invitations/k3v9q2m1ab/revoke");
                assertThat(revoke.authorization()).isEqualTo("Bearer " + token);
            });
        }

        @Test
        void theEventFormOffersInvitationOnlyWithPlainHints() {
            assertThat(organiserPage("/organiser/events/new", "org-a"))
                    .contains("value=\"PUBLIC\"", "value=\"UNLISTED\"", "value=\"INVITE_ONLY\"")
                    .contains("Listed and announced to subscribers.")
                    .contains("Not listed; anyone with the link can register.")
                    .contains("Not listed; only people with an invitation link can see it and register.");
            services.answer("GET /api/events/e-1", 200, ORGANISERS_VIEW);
            assertThat(organiserPage("/organiser/events/e-1/edit", "org-a"))
                    .contains(
                            "value=\"INVITE_ONLY\" aria-describedby=\"visibility-INVITE_ONLY-hint\" checked=\"checked\"");
        }

        private String organiserPage(String path, String organisation) {
            return client.get()
                    .uri(path)
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestTokens.shared().organiserOf(organisation))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }
    }

    /**
     * Support needs tracked until arranged (issue 19, part 2): the organiser's event page lists what people
     * asked for, in words, with who asked and by when it should be arranged; marking a need arranged, taking
     * that back and the deadline go to the support-plan API; the person's own page says what is arranged.
     */
    @Nested
    class ArrangingSupport {

        static final String PLAN = """
                {"eventId":"e-1","daysBefore":7,"arrangeBy":"2027-02-03T10:00:00Z","outstanding":2,"needs":[
                  {"need":"INTERPRETER_BSL","code":"INTERPRETER_BSL","who":["Riley","Sam"],"detail":null,
                   "arranged":false,"note":null,"arrangedAt":null},
                  {"need":"STEP_FREE_ACCESS","code":"STEP_FREE_ACCESS","who":["Riley"],"detail":null,
                   "arranged":true,"note":"Use the side door <b>ramp</b>","arrangedAt":"2027-01-20T09:00:00Z"},
                  {"need":"OTHER:r-1/m2","code":"OTHER","who":["Casey"],"detail":"A chair <i>with arms</i>",
                   "arranged":false,"note":null,"arrangedAt":null}]}""";
        static final String ALL_ARRANGED = """
                {"eventId":"e-1","daysBefore":3,"arrangeBy":"2027-02-07T10:00:00Z","outstanding":0,"needs":[
                  {"need":"INTERPRETER_BSL","code":"INTERPRETER_BSL","who":["Riley"],"detail":null,
                   "arranged":true,"note":null,"arrangedAt":"2027-01-20T09:00:00Z"}]}""";

        @BeforeEach
        void aPlanWithNeedsToArrange() {
            services.answer("GET /api/events/e-1/support-plan", 200, PLAN);
        }

        @Test
        void theOrganisersEventPageSaysWhatIsStillToArrangeByWhenInWordsAndWhoAsked() {
            var page = organiserPage("/organiser/events/e-1", "org-a");
            assertThat(page)
                    .contains("<h2 id=\"support-plan-heading\">Support to arrange</h2>")
                    .contains("2 still to arrange, by Wednesday 3 February 2027 (7 days before).")
                    .contains(
                            "<th scope=\"col\">What</th><th scope=\"col\">Who asked</th><th scope=\"col\">Status</th>")
                    .contains("British Sign Language (BSL) interpreter", "Riley, Sam")
                    .contains("Step-free access", "Note: Use the side door &lt;b&gt;ramp&lt;/b&gt;")
                    .contains("Arranged</strong> on <span>Wednesday 20 January 2027</span>")
                    .contains("Asked in their own words: A chair &lt;i&gt;with arms&lt;/i&gt;", "Casey")
                    .contains("<strong>To arrange</strong>")
                    .contains("action=\"/organiser/events/e-1/support-plan/arrangements\"")
                    .contains("<input type=\"hidden\" name=\"need\" value=\"OTHER:r-1/m2\">")
                    .contains("<label for=\"support-note-1\">Note for the people who asked (optional)</label>")
                    .contains("Mark as arranged", "Update the note", "Not arranged after all")
                    .contains("action=\"/organiser/events/e-1/support-plan/arrangements/withdraw\"")
                    .contains("<label for=\"daysBefore\">Arrange everything this many days before the event</label>")
                    .contains("type=\"number\" id=\"daysBefore\" name=\"daysBefore\" value=\"7\"")
                    .contains("Save the deadline", "action=\"/organiser/events/e-1/support-plan/deadline\"");
            var steps = page.substring(page.indexOf("id=\"need-2\""));
            assertThat(steps.substring(0, steps.indexOf("</tr>")))
                    .as("an arranged need can have its note changed or be taken back; one to arrange cannot")
                    .contains("name=\"arranged\" value=\"true\"", "value=\"Use the side door &lt;b&gt;ramp&lt;/b&gt;\"")
                    .contains("Not arranged after all");
            var bsl = page.substring(page.indexOf("id=\"need-1\""));
            assertThat(bsl.substring(0, bsl.indexOf("</tr>"))).doesNotContain("Not arranged after all", "Update");

            services.answer("GET /api/events/e-1/support-plan", 200, ALL_ARRANGED);
            assertThat(organiserPage("/organiser/events/e-1", "org-a"))
                    .contains("Everything asked for is arranged.")
                    .doesNotContain("still to arrange");

            services.received.clear();
            assertThat(organiserPage("/organiser/events/e-1", "org-b"))
                    .as("another organisation's organiser never sees it, and it is not even asked for")
                    .doesNotContain("Support to arrange", "Riley, Sam");
            assertThat(services.received("GET")).noneMatch(sent -> sent.path().contains("support-plan"));
        }

        @Test
        void markingANeedArrangedPostsItWithTheNoteAndSaysEveryoneWhoAskedHearsOnce() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer("POST /api/events/e-1/support-plan/arrangements", 200, PLAN);
            post(
                            "/organiser/events/e-1/support-plan/arrangements",
                            token,
                            BodyInserters.fromFormData("_csrf", CSRF)
                                    .with("need", "INTERPRETER_BSL")
                                    .with("note", "  Sam from Signs Ltd will meet you at 9:45.  "))
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/events/e-1?done=arranged&need=INTERPRETER_BSL#support-plan");
            assertThat(services.received("POST")).singleElement().satisfies(sent -> {
                assertThat(sent.path()).isEqualTo("/api/events/e-1/support-plan/arrangements");
                assertThat(sent.authorization()).isEqualTo("Bearer " + token);
                assertThat(sent.body())
                        .isEqualTo(
                                "{\"need\":\"INTERPRETER_BSL\",\"note\":\"Sam from Signs Ltd will meet you at 9:45.\"}");
            });
            assertThat(organiserPage("/organiser/events/e-1?done=arranged&need=INTERPRETER_BSL", "org-a"))
                    .contains("<div class=\"notice ok\" role=\"status\"><p>Marked as arranged: British Sign Language"
                            + " (BSL) interpreter. Everyone who asked for it will get one email.</p></div>");

            services.received.clear();
            post(
                            "/organiser/events/e-1/support-plan/arrangements",
                            token,
                            BodyInserters.fromFormData("_csrf", CSRF)
                                    .with("need", "STEP_FREE_ACCESS")
                                    .with("arranged", "true")
                                    .with("note", ""))
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/events/e-1?done=renoted&need=STEP_FREE_ACCESS#support-plan");
            assertThat(services.received("POST").getFirst().body())
                    .as("an empty note is no note")
                    .isEqualTo("{\"need\":\"STEP_FREE_ACCESS\"}");

            services.received.clear();
            post(
                            "/organiser/events/e-1/support-plan/arrangements",
                            token,
                            BodyInserters.fromFormData("need", "DIETARY"))
                    .expectStatus()
                    .isForbidden();
            assertThat(services.received("POST"))
                    .as("a form without its token reaches nobody")
                    .isEmpty();
        }

        @Test
        void takingAnArrangementBackAndChangingTheDeadlineGoToTheirOwnPaths() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.answer("POST /api/events/e-1/support-plan/arrangements/withdraw", 200, PLAN);
            services.answer(
                    "PUT /api/events/e-1/support-plan/deadline",
                    200,
                    PLAN.replace("\"daysBefore\":7", "\"daysBefore\":10"));
            post(
                            "/organiser/events/e-1/support-plan/arrangements/withdraw",
                            token,
                            BodyInserters.fromFormData("_csrf", CSRF).with("need", "OTHER:r-1/m2"))
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/events/e-1?done=withdrawn&need=OTHER%3Ar-1%2Fm2#support-plan");
            assertThat(services.received("POST")).singleElement().satisfies(sent -> {
                assertThat(sent.path()).isEqualTo("/api/events/e-1/support-plan/arrangements/withdraw");
                assertThat(sent.authorization()).isEqualTo("Bearer " + token);
                assertThat(sent.body()).isEqualTo("{\"need\":\"OTHER:r-1/m2\"}");
            });
            assertThat(organiserPage("/organiser/events/e-1?done=withdrawn&need=OTHER:r-1/m2", "org-a"))
                    .contains("Not arranged after all: what Casey asked for in their own words. It is back on the list"
                            + " to arrange. Nobody has been emailed.");

            post(
                            "/organiser/events/e-1/support-plan/deadline",
                            token,
                            BodyInserters.fromFormData("_csrf", CSRF).with("daysBefore", " 10 "))
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/events/e-1?done=deadline#support-plan");
            assertThat(services.received("PUT")).singleElement().satisfies(sent -> {
                assertThat(sent.path()).isEqualTo("/api/events/e-1/support-plan/deadline");
                assertThat(sent.authorization()).isEqualTo("Bearer " + token);
                assertThat(sent.body()).isEqualTo("{\"daysBefore\":10}");
            });
            services.answer(
                    "GET /api/events/e-1/support-plan", 200, PLAN.replace("\"daysBefore\":7", "\"daysBefore\":10"));
            assertThat(organiserPage("/organiser/events/e-1?done=deadline", "org-a"))
                    .contains("role=\"status\"><p>Deadline saved: arrange everything 10 days before the event.</p>");
        }

        @Test
        void theApisRefusalsAreShownAtTheFormWithAnErrorSummaryAndWhatWasTypedKept() {
            var token = TestTokens.shared().organiserOf("org-a");
            services.problem("POST /api/events/e-1/support-plan/arrangements", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "detail":"Please correct the fields listed in errors; nothing was saved.",
                     "errors":[{"field":"note","message":"size must be between 0 and 300"}]}""");
            var page = post(
                            "/organiser/events/e-1/support-plan/arrangements",
                            token,
                            BodyInserters.fromFormData("_csrf", CSRF)
                                    .with("need", "INTERPRETER_BSL")
                                    .with("note", "Far <too> long"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("<title>Error: ", "id=\"error-summary\"")
                    .contains("<a href=\"#support-note-1\">Keep the note to 300 characters or fewer</a>")
                    .contains("id=\"support-note-1-error\"")
                    .contains("value=\"Far &lt;too&gt; long\"")
                    .contains("aria-describedby=\"support-note-1-hint support-note-1-error\" aria-invalid=\"true\"");
            assertThat(page.substring(page.indexOf("id=\"need-1\""), page.indexOf("id=\"need-2\"")))
                    .contains("class=\"field has-error\"");

            services.problem("POST /api/events/e-1/support-plan/arrangements/withdraw", 404, """
                    {"type":"https://convene.dev/problems/not-found","status":404}""");
            assertThat(post(
                                    "/organiser/events/e-1/support-plan/arrangements/withdraw",
                                    token,
                                    BodyInserters.fromFormData("_csrf", CSRF).with("need", "INTERPRETER_FRENCH"))
                            .expectStatus()
                            .isNotFound()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .as("a need nobody has any more is said so at the section, and the page is still there")
                    .contains("<title>Error: ", "Support to arrange")
                    .contains("Nobody at this event needs that now");

            services.problem("PUT /api/events/e-1/support-plan/deadline", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "errors":[{"field":"daysBefore","message":"must be less than or equal to 60"}]}""");
            assertThat(post(
                                    "/organiser/events/e-1/support-plan/deadline",
                                    token,
                                    BodyInserters.fromFormData("_csrf", CSRF).with("daysBefore", "90"))
                            .expectStatus()
                            .isBadRequest()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .contains("<title>Error: ", "<a href=\"#daysBefore\">Enter a number of days from 0 to 60</a>")
                    .contains("id=\"daysBefore\" name=\"daysBefore\" value=\"90\"", "aria-invalid=\"true\"");
            assertThat(services.received("PUT").getFirst().body()).isEqualTo("{\"daysBefore\":90}");
        }

        @Test
        void thePersonsOwnPageSaysWhatIsArrangedForThemInWordsWithTheOrganisersNote() {
            services.answer("GET /api/registrations/manage/tok-1", 200, ManagingARegistration.REGISTRATION);
            services.answer("GET /api/registrations/manage/tok-1/arranged", 200, """
                    [{"need":"INTERPRETER_BSL","note":"Sam from <b>Signs Ltd</b> will meet you at 9:45."},
                     {"need":"STEP_FREE_ACCESS","note":null},{"need":"OTHER","note":"A chair with arms is by the door."}]""");
            assertThat(page("/manage/tok-1"))
                    .contains("<h2 id=\"arranged-heading\">Arranged for you</h2>")
                    .contains("<strong>British Sign Language (BSL) interpreter</strong>: <span>Sam from &lt;b&gt;Signs"
                            + " Ltd&lt;/b&gt; will meet you at 9:45.</span>")
                    .contains("<li><strong>Step-free access</strong></li>")
                    .contains(
                            "<strong>What you asked for in your own words</strong>: <span>A chair with arms is by the door.</span>")
                    .doesNotContain("will arrange it");

            services.answer("GET /api/registrations/manage/tok-1/arranged", 200, "[]");
            assertThat(page("/manage/tok-1"))
                    .doesNotContain("Arranged for you")
                    .contains("The organiser has been told what you asked for and will arrange it.");

            services.answer(
                    "GET /api/registrations/manage/tok-1",
                    200,
                    ManagingARegistration.REGISTRATION.replace("[\"INTERPRETER_BSL\",\"DIETARY\"]", "[]"));
            assertThat(page("/manage/tok-1")).doesNotContain("Arranged for you", "will arrange it");
        }

        private WebTestClient.ResponseSpec post(String path, String token, BodyInserters.FormInserter<String> form) {
            return client.post()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(form)
                    .exchange();
        }

        private String organiserPage(String path, String organisation) {
            return client.get()
                    .uri(path)
                    .header(
                            HttpHeaders.AUTHORIZATION,
                            "Bearer " + TestTokens.shared().organiserOf(organisation))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }
    }

    /**
     * A worker's group page (issue: manage a group): adding a young person, changing what one of them needs,
     * and an invite-only workshop's page said from the manage view's own {@code event}.
     */
    @Nested
    class ManagingAGroup {

        static final String GROUP = """
                {"registrationId":"r-9","eventId":"e-1","status":"CONFIRMED","seats":2,"attendeeName":"Sam Worker",
                 "companions":[],"supportRequested":["QUIET_SPACE","INTERPRETER_BSL"],
                 "group":{"organisation":"Rutland County Council","members":[
                   {"memberId":"m1","name":"Riley","supportRequested":["INTERPRETER_BSL","QUIET_SPACE","DIETARY"]}]},
                 "manageLink":"http://localhost:8080/manage/tok-g"}""";

        private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec send(
                String path, BodyInserters.FormInserter<String> form) {
            return client.post()
                    .uri(path)
                    .header("X-Convene-Csrf", CSRF)
                    .body(form)
                    .exchange();
        }

        private BodyInserters.FormInserter<String> casey() {
            return BodyInserters.fromFormData("_csrf", CSRF)
                    .with("member.name", "Casey")
                    .with("member.ageBand", "UNDER_16")
                    .with("member.guardian.name", "Parent")
                    .with("member.guardian.contact", "parent@example.org")
                    .with("member.guardian.consentGiven", "true")
                    .with("member.supportNeeds.interpreter", "BSL")
                    .with("member.supportNeeds.access", "QUIET_SPACE")
                    .with("member.supportNeeds.other", "Likes short breaks")
                    .with("member.email", "casey@example.org")
                    .with("member.ownConfirmation", "true");
        }

        @Test
        void addingAYoungPersonSendsTheirAnswersAndThePageThenShowsThem() {
            services.answer("GET /api/registrations/manage/tok-g", 200, GROUP);
            assertThat(page("/manage/tok-g"))
                    .contains("<h3 id=\"add-member-heading\">Add a young person</h3>")
                    .contains("action=\"/manage/tok-g/group/members\"", "for=\"member-name\">Their name</label>")
                    .contains("Support they need: none yet", "Send them their own confirmation")
                    .contains("Add them to my group");
            services.answer("POST /api/registrations/manage/tok-g/group/members", 200, GROUP);
            send("/manage/tok-g/group/members", casey())
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/manage/tok-g?added");
            assertThat(services.received("POST"))
                    .extracting(StubServices.Received::path)
                    .containsExactly("/api/registrations/manage/tok-g/group/members");
            assertThat(services.received("POST").getFirst().body())
                    .isEqualTo("{\"name\":\"Casey\",\"ageBand\":\"UNDER_16\","
                            + "\"guardian\":{\"name\":\"Parent\",\"contact\":\"parent@example.org\",\"consentGiven\":true},"
                            + "\"supportNeeds\":{\"interpreter\":\"BSL\",\"access\":[\"QUIET_SPACE\"],\"dietary\":[],"
                            + "\"other\":\"Likes short breaks\"},"
                            + "\"email\":\"casey@example.org\",\"ownConfirmation\":true}");

            services.answer(
                    "GET /api/registrations/manage/tok-g",
                    200,
                    GROUP.replace(
                            "\"DIETARY\"]}]}",
                            "\"DIETARY\"]},{\"memberId\":\"m2\",\"name\":\"Casey\",\"supportRequested\":[]}]}"));
            assertThat(page("/manage/tok-g?added"))
                    .contains("role=\"status\">Added. They have a place with your group")
                    .contains("Remove Casey", "Change what Casey needs");
        }

        @Test
        void theApisFieldErrorsAreSummedUpAtTheFormWithTheAnswersKept() {
            services.answer("GET /api/registrations/manage/tok-g", 200, GROUP);
            services.problem("POST /api/registrations/manage/tok-g/group/members", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "detail":"Please correct the fields listed in errors; nothing was saved.",
                     "errors":[{"field":"guardian.name","message":"is needed for anyone under 18"},
                               {"field":"email","message":"must be a well-formed email address"}]}""");
            var page = send(
                            "/manage/tok-g/group/members",
                            BodyInserters.fromFormData("_csrf", CSRF)
                                    .with("member.name", "Casey")
                                    .with("member.ageBand", "UNDER_16")
                                    .with("member.supportNeeds.access", "QUIET_SPACE")
                                    .with("member.email", "casey-at-example"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains(
                            "<title>Error: Your registration: Peer research &lt;b&gt;workshop&lt;/b&gt; – Convene</title>")
                    .contains("id=\"error-summary\"", "href=\"#member-guardian-name\"")
                    .contains("Their parent or guardian’s name is needed for anyone under 18")
                    .contains("href=\"#member-email\"", "Enter an email address in the right format")
                    .contains("value=\"Casey\"", "value=\"casey-at-example\"", "<option value=\"UNDER_16\" selected")
                    .contains("Support they need: A quiet space")
                    .contains("id=\"member-access-QUIET_SPACE\" value=\"QUIET_SPACE\" checked");
        }

        @Test
        void noSeatForOneMoreIsSaidAtTheForm() {
            services.answer("GET /api/registrations/manage/tok-g", 200, GROUP);
            services.problem("POST /api/registrations/manage/tok-g/group/members", 409, """
                    {"type":"https://convene.dev/problems/registration-refused","status":409,
                     "detail":"No seat is free for one more person at this event."}""");
            var page = send("/manage/tok-g/group/members", casey())
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            var form = page.substring(page.indexOf("id=\"add-member\""));
            assertThat(form)
                    .contains("id=\"add-refusal\"", "No seat is free for one more person at this event.")
                    .contains("value=\"Casey\"");
        }

        @Test
        void aGroupPartlyWaitingOrCancelledHasNoFormToAddSomeone() {
            services.answer(
                    "GET /api/registrations/manage/tok-g",
                    200,
                    GROUP.replace("\"seats\":2", "\"waitlistPosition\":1,\"seats\":2")
                            .replace(
                                    "\"DIETARY\"]}]}",
                                    "\"DIETARY\"]},{\"memberId\":\"m2\",\"name\":\"Kit\",\"supportRequested\":[],"
                                            + "\"waiting\":true}]}"));
            assertThat(page("/manage/tok-g"))
                    .contains("nobody can be added to it")
                    .doesNotContain("Add a young person", "Add them to my group");
            services.answer("GET /api/registrations/manage/tok-g", 200, GROUP.replace("CONFIRMED", "CANCELLED"));
            assertThat(page("/manage/tok-g")).doesNotContain("Add a young person", "Change what Riley needs");
        }

        @Test
        void changingWhatOneYoungPersonNeedsPutsItOnTheirOwnPath() {
            services.answer("GET /api/registrations/manage/tok-g", 200, GROUP);
            var page = page("/manage/tok-g");
            var riley = page.substring(page.indexOf("id=\"needs-m1\""));
            assertThat(riley)
                    .contains("<summary>Change what Riley needs</summary>", "This replaces what they asked for before")
                    .contains("action=\"/manage/tok-g/group/members/m1/support-needs\"")
                    .contains("id=\"members-m1-access-QUIET_SPACE\" value=\"QUIET_SPACE\" checked")
                    .contains("<option value=\"BSL\" selected=\"selected\">Yes: British Sign Language (BSL)</option>")
                    .contains("Save what Riley needs");
            services.answer("PUT /api/registrations/manage/tok-g/group/members/m1/support-needs", 200, GROUP);
            send(
                            "/manage/tok-g/group/members/m1/support-needs",
                            BodyInserters.fromFormData("_csrf", CSRF)
                                    .with("members.m1.supportNeeds.interpreter", "")
                                    .with("members.m1.supportNeeds.access", "STEP_FREE_ACCESS")
                                    .with("members.m1.supportNeeds.other", "A seat near the door"))
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/manage/tok-g?needsSaved=m1");
            var put = services.received("PUT");
            assertThat(put)
                    .extracting(StubServices.Received::path)
                    .containsExactly("/api/registrations/manage/tok-g/group/members/m1/support-needs");
            assertThat(put.getFirst().body())
                    .isEqualTo("{\"interpreter\":null,\"access\":[\"STEP_FREE_ACCESS\"],\"dietary\":[],"
                            + "\"other\":\"A seat near the door\"}");
            assertThat(page("/manage/tok-g?needsSaved=m1"))
                    .contains("role=\"status\">Saved what Riley needs. The organisers can see it.");
        }

        @Test
        void aRefusedChangeOfNeedsIsShownAtThatYoungPersonsForm() {
            services.answer("GET /api/registrations/manage/tok-g", 200, GROUP);
            services.problem("PUT /api/registrations/manage/tok-g/group/members/m1/support-needs", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "errors":[{"field":"other","message":"size must be between 0 and 1000"}]}""");
            var page = send(
                            "/manage/tok-g/group/members/m1/support-needs",
                            BodyInserters.fromFormData("_csrf", CSRF).with("members.m1.supportNeeds.other", "Long"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page.substring(page.indexOf("id=\"needs-m1\"")))
                    .startsWith("id=\"needs-m1\" open=\"open\"")
                    .contains("href=\"#members-m1-supportNeeds-other\">Anything else is too long</a>")
                    .contains(">Long</textarea>");
        }

        @Test
        void aRefusedChangeOfTheirOwnNeedsLinksToTheFieldOnThePage() {
            services.answer("GET /api/registrations/manage/tok-g", 200, GROUP);
            services.problem("PUT /api/registrations/manage/tok-g/support-needs", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "errors":[{"field":"other","message":"size must be between 0 and 1000"}]}""");
            var page = send(
                            "/manage/tok-g/support-needs",
                            BodyInserters.fromFormData("_csrf", CSRF).with("supportNeeds.other", "Long"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page).contains("href=\"#supportNeeds-other\"").doesNotContain("href=\"#other\"");
        }

        @Test
        void anInviteOnlyWorkshopsPageSaysWhatWhenAndWhereFromTheManageView() {
            services.answer(
                    "GET /api/registrations/manage/tok-g",
                    200,
                    GROUP.replace("\"eventId\":\"e-1\"", "\"eventId\":\"e-2\"")
                            .replace(
                                    "\"manageLink\"",
                                    "\"event\":{\"title\":\"Care leavers’ forum\",\"startsAt\":\"2027-07-01T09:30:00Z\","
                                            + "\"endsAt\":\"2027-07-01T12:00:00Z\",\"timeZone\":\"Europe/London\","
                                            + "\"online\":false,\"venueName\":\"Youth Hub\",\"venueAddress\":\"1 High Street\","
                                            + "\"venuePostcode\":\"LS1 1AA\"},\"manageLink\""));
            var page = page("/manage/tok-g");
            assertThat(page)
                    .contains("<title>Your registration: Care leavers’ forum – Convene</title>")
                    .contains("<p class=\"lede\">Care leavers’ forum</p>")
                    .contains("Thursday 1 July 2027, 10:30 to 13:00 (UK time)")
                    .contains("Youth Hub, 1 High Street, LS1 1AA")
                    .doesNotContain("In your confirmation email.")
                    .as("the interpreters on offer are unknown: said in one line instead of the support forms")
                    .contains("can’t show the support this invite-only workshop offers")
                    .doesNotContain("Save my support needs", "Change what Riley needs");
        }
    }

    private String page(String path) {
        return client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
