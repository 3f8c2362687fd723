package org.convene.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Booking requests' pages (ADR 14): the public form anyone can send, and the organisation's inbox with each
 * request's history and actions, against the events API over real HTTP (the shared recording stub).
 */
class BookingRequestPagesTests extends PagesTestContext {

    static final String BASE = "/api/organisations/org-a/booking-requests";
    static final String OFFERINGS = "/api/organisations/org-a/offerings";
    static final String OFFERED = """
            {"offerings":[
              {"id":"o1","name":"Young carers awareness","description":"A half day for school staff & youth workers.",
               "kind":"TRAINING"},
              {"id":"k2","name":"Lived experience <talk>","description":null,"kind":"KEYNOTE"}]}""";
    static final String REQUEST = """
            {"id":"q-1","organisationId":"org-a","version":4,"status":"NEW","kind":"KEYNOTE",
             "receivedAt":"2026-12-06T10:15:00Z",
             "requester":{"organisation":"Rutland County Council","name":"Sam Patel",
                          "email":"sam.patel@rutland.example","phone":"01572 722577"},
             "preferredDates":["2027-03-10","2027-03-17"],"flexible":false,"town":"Oakham","online":false,
             "audienceSize":60,"audience":"PROFESSIONALS","accessibility":["STEP_FREE_ACCESS"],
             "accessibilityNotes":"Two wheelchair users","interpreterLanguages":["BSL"],
             "message":"A keynote for our <b>annual</b> conference.\\nAbout participation.",
             "eventId":null,"closedAt":null,"erasedAt":null,
             "history":[
               {"at":"2026-12-06T10:15:00Z","type":"RECEIVED","by":null,"text":null,"status":"NEW"},
               {"at":"2026-12-06T11:00:00Z","type":"NOTE","by":"Alex Organiser","text":"Ask about the budget","status":null},
               {"at":"2026-12-06T11:30:00Z","type":"REPLY","by":"Alex Organiser","text":"Thank you, which hall?","status":null},
               {"at":"2026-12-06T11:30:00Z","type":"STATUS_CHANGED","by":"Alex Organiser","text":null,"status":"IN_DISCUSSION"}]}""";

    @Autowired
    WebTestClient client;

    @BeforeEach
    void reset() {
        services.reset();
    }

    @Nested
    class ThePublicForm {

        @Test
        void asksEveryQuestionWithAVisibleLabelAndHintsAndGroupsTheChoices() {
            var page = client.get()
                    .uri("/organisations/org-a/book")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("<h1>Ask for training, a keynote or consultancy</h1>")
                    .contains("action=\"/organisations/org-a/book\"", "name=\"_csrf\"")
                    .contains("<legend>What are you asking for?</legend>")
                    .contains(
                            "name=\"kind\" id=\"kind\" value=\"TRAINING\"",
                            "value=\"KEYNOTE\"",
                            "value=\"CONSULTANCY\"")
                    .contains(
                            "<label for=\"requester-organisation\">Your organisation</label>",
                            "<label for=\"requester-name\">Your name</label>",
                            "<label for=\"requester-email\">Your email address</label>",
                            "<label for=\"requester-phone\">Your phone number (optional)</label>")
                    .contains(
                            "<label for=\"preferredDates\">First choice of date</label>",
                            "<label for=\"preferredDates-2\">Second choice of date (optional)</label>",
                            "<label for=\"preferredDates-3\">Third choice of date (optional)</label>",
                            "<label for=\"flexible\">Our dates are flexible</label>")
                    .contains(
                            "<legend>Where?</legend>",
                            "<label for=\"online\">In person</label>",
                            "<label for=\"town\">Town or city</label>",
                            "<label for=\"online-true\">Online</label>")
                    .contains(
                            "<label for=\"audienceSize\">Expected audience size</label>",
                            "<legend>Who is the audience?</legend>",
                            "value=\"YOUNG_PEOPLE\"",
                            "value=\"CARERS\"",
                            "value=\"PROFESSIONALS\"",
                            "value=\"MIXED\"")
                    .contains(
                            "<legend>Access your audience needs</legend>",
                            "value=\"STEP_FREE_ACCESS\"",
                            "<label for=\"accessibilityNotes\">Anything else about access (optional)</label>",
                            "<label for=\"interpreterLanguages\">Interpreters needed (optional)</label>")
                    .contains(
                            "<label for=\"message\">Your message (optional)</label>",
                            "Plain text, up to 2,000 characters.",
                            "maxlength=\"2000\"")
                    .contains("<button type=\"submit\">Send the request</button>");
        }

        @Test
        void sendsTheAnswersAsTheApisJsonAndThanksTheSameWayWhateverHappened() {
            services.answer("POST " + BASE, 202, "{\"message\":\"Thank you.\"}");
            client.post()
                    .uri("/organisations/org-a/book")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("kind", "KEYNOTE")
                            .with("requester.organisation", " Rutland County Council ")
                            .with("requester.name", "Sam Patel")
                            .with("requester.email", "sam.patel@rutland.example")
                            .with("requester.phone", "")
                            .with("preferredDates", "2027-03-10")
                            .with("preferredDates", "2027-03-17")
                            .with("preferredDates", "")
                            .with("online", "false")
                            .with("town", "Oakham")
                            .with("audienceSize", "60")
                            .with("audience", "PROFESSIONALS")
                            .with("accessibility", "STEP_FREE_ACCESS")
                            .with("accessibility", "HEARING_LOOP")
                            .with("accessibilityNotes", "")
                            .with("interpreterLanguages", "BSL, Arabic")
                            .with("message", "Our annual conference."))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organisations/org-a/book/sent");
            var sent = services.received("POST").getFirst();
            assertThat(sent.path()).isEqualTo(BASE);
            assertThat(sent.authorization()).isNull();
            assertThat(sent.body())
                    .isEqualTo("{\"kind\":\"KEYNOTE\",\"requester\":{\"organisation\":\"Rutland County Council\","
                            + "\"name\":\"Sam Patel\",\"email\":\"sam.patel@rutland.example\",\"phone\":null},"
                            + "\"preferredDates\":[\"2027-03-10\",\"2027-03-17\"],\"flexible\":false,\"online\":false,"
                            + "\"town\":\"Oakham\",\"audienceSize\":60,\"audience\":\"PROFESSIONALS\","
                            + "\"accessibility\":[\"STEP_FREE_ACCESS\",\"HEARING_LOOP\"],\"accessibilityNotes\":null,"
                            + "\"interpreterLanguages\":[\"BSL\",\"Arabic\"],\"message\":\"Our annual conference.\"}");

            client.get()
                    .uri("/organisations/org-a/book/sent")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(page -> assertThat(page)
                            .contains("<h1>Thank you</h1>", "role=\"status\"", "Your request has been sent."));
        }

        @Test
        void anOnlineRequestSendsNoTownAndFlexibleDatesSayFlexible() {
            services.answer("POST " + BASE, 202, "{\"message\":\"Thank you.\"}");
            post(Map.of("kind", "TRAINING", "online", "true", "town", "Oakham", "flexible", "true"))
                    .expectStatus()
                    .isSeeOther();
            assertThat(services.received("POST").getFirst().body())
                    .contains("\"flexible\":true", "\"online\":true", "\"town\":null", "\"preferredDates\":[]");
        }

        @Test
        void theApisFieldErrorsAreSummarisedAtTheTopLinkedToTheirFieldsAndTheAnswersAreKept() {
            services.problem("POST " + BASE, 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "detail":"Please correct the fields listed in errors; nothing was saved.",
                     "errors":[{"field":"kind","message":"must not be null"},
                               {"field":"requester.email","message":"must be a well-formed email address"},
                               {"field":"preferredDates","message":"give up to 3 dates, or say you are flexible"},
                               {"field":"town","message":"say which town, or ask for an online session"},
                               {"field":"interpreterLanguages[1]","message":"size must be between 0 and 60"}]}""");
            var page = post(Map.of(
                            "requester.organisation", "Rutland <County> Council",
                            "requester.email", "sam.patel",
                            "audienceSize", "60",
                            "audience", "CARERS",
                            "interpreterLanguages", "BSL, Arabic",
                            "message", "Hello there"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("<title>Error: Ask for training, a keynote or consultancy – Convene</title>")
                    .contains("id=\"error-summary\"", "There is a problem")
                    .contains("<a href=\"#kind\">Choose what you are asking for</a>")
                    .contains(
                            "<a href=\"#requester-email\">Enter an email address in the right format, like name@example.org</a>")
                    .contains("<a href=\"#preferredDates\">Give up to 3 dates, or say you are flexible</a>")
                    .contains("<a href=\"#town\">Say which town, or ask for an online session</a>")
                    .contains("<a href=\"#interpreterLanguages\">Interpreters needed (optional) is too long</a>")
                    .as("the answers are kept, escaped")
                    .contains("value=\"Rutland &lt;County&gt; Council\"", "value=\"sam.patel\"", "value=\"60\"")
                    .contains("value=\"BSL, Arabic\"", ">Hello there</textarea>")
                    .contains("name=\"audience\" id=\"audience-CARERS\" value=\"CARERS\" checked=\"checked\"")
                    .contains("aria-describedby=\"requester-email-hint requester-email-error\" aria-invalid=\"true\"");
        }

        @Test
        void tooManyRequestsIsAFriendlyAskToWaitWithTheAnswersKept() {
            services.problem("POST " + BASE, 429, """
                    {"type":"https://convene.dev/problems/too-many-requests","status":429}""");
            var page = post(Map.of("requester.name", "Sam Patel"))
                    .expectStatus()
                    .isEqualTo(429)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("Too many requests just now; please try again in a minute.")
                    .contains("value=\"Sam Patel\"");
        }

        @Test
        void aFormWithoutTheRightTokenIsRefusedAndNothingIsSent() {
            client.post()
                    .uri("/organisations/org-a/book")
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", "forged").with("kind", "KEYNOTE"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
            assertThat(services.received).isEmpty();
        }

        @Test
        void listsTheOrganisationsOfferingsAfterTheThreeKindsAndSendsOneAsAnOffering() {
            services.answer("GET " + OFFERINGS, 200, OFFERED);
            var page = client.get()
                    .uri("/organisations/org-a/book")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("value=\"CONSULTANCY\"")
                    .contains("<input type=\"radio\" name=\"kind\" id=\"kind-OFFERING-o1\" value=\"OFFERING:o1\""
                            + " aria-describedby=\"kind-OFFERING-o1-hint\">")
                    .contains("<label for=\"kind-OFFERING-o1\">Young carers awareness</label>")
                    .contains("id=\"kind-OFFERING-o1-hint\">A half day for school staff &amp; youth workers.</span>")
                    .contains("<label for=\"kind-OFFERING-k2\">Lived experience &lt;talk&gt;</label>")
                    .as("an offering without a description has no hint")
                    .doesNotContain("kind-OFFERING-k2-hint");
            assertThat(page.indexOf("value=\"CONSULTANCY\"")).isLessThan(page.indexOf("value=\"OFFERING:o1\""));
            assertThat(services.received("GET").getFirst().path()).isEqualTo(OFFERINGS);

            services.answer("POST " + BASE, 202, "{\"message\":\"Thank you.\"}");
            post(Map.of("kind", "OFFERING:o1", "online", "true", "flexible", "true"))
                    .expectStatus()
                    .isSeeOther();
            assertThat(services.received("POST").getFirst().body())
                    .startsWith("{\"kind\":\"OFFERING\",\"offeringId\":\"o1\",\"requester\":");
        }

        @Test
        void withoutTheOfferingsTheFormStillAsksForTheThreeKinds() {
            services.problem("GET " + OFFERINGS, 500, "{\"status\":500}");
            assertThat(client.get()
                            .uri("/organisations/org-a/book")
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .contains("value=\"TRAINING\"", "value=\"KEYNOTE\"", "value=\"CONSULTANCY\"")
                    .doesNotContain("OFFERING");
        }

        @Test
        void anOfferingTheApiDoesNotKnowIsSaidAtTheChoicesWithTheChoiceKept() {
            services.answer("GET " + OFFERINGS, 200, OFFERED);
            services.problem("POST " + BASE, 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "errors":[{"field":"offeringId","message":"choose one of the organisation's offerings"}]}""");
            assertThat(post(Map.of("kind", "OFFERING:k2"))
                            .expectStatus()
                            .isBadRequest()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .contains("<a href=\"#kind\">Choose one of the organisation&#39;s offerings</a>")
                    .contains("id=\"kind-error\"")
                    .contains("id=\"kind-OFFERING-k2\" value=\"OFFERING:k2\" checked=\"checked\"");
        }

        private WebTestClient.ResponseSpec post(Map<String, String> fields) {
            var form = BodyInserters.fromFormData("_csrf", CSRF);
            fields.forEach(form::with);
            return client.post()
                    .uri("/organisations/org-a/book")
                    .header("X-Convene-Csrf", CSRF)
                    .body(form)
                    .exchange();
        }
    }

    @Nested
    class TheInbox {

        final String token = TestTokens.shared().organiserOf("org-a");

        @Test
        void filtersByRequestsForTheOrganisationsOwnOfferings() {
            services.answer("GET " + BASE, 200, "[]");
            var page = organiserPage("/organiser/requests?kind=OFFERING");
            assertThat(services.received("GET").getFirst().query()).isEqualTo("kind=OFFERING");
            assertThat(page).contains("value=\"OFFERING\" selected=\"selected\">One of your offerings</option>");
        }

        @Test
        void listsTheRequestsWithTheFiltersPassedOnAndKept() {
            services.answer("GET " + BASE, 200, """
                    [{"id":"q-1","status":"IN_DISCUSSION","kind":"KEYNOTE","receivedAt":"2026-12-06T10:15:00Z",
                      "requesterOrganisation":"Rutland County Council","contactName":"Sam Patel","audienceSize":60,
                      "eventId":null}]""");
            var page = organiserPage("/organiser/requests?status=IN_DISCUSSION&kind=KEYNOTE");
            var asked = services.received("GET").getFirst();
            assertThat(asked.path()).isEqualTo(BASE);
            assertThat(asked.query()).isEqualTo("status=IN_DISCUSSION&kind=KEYNOTE");
            assertThat(asked.authorization()).isEqualTo("Bearer " + token);
            assertThat(page)
                    .contains("<h1>Booking requests</h1>")
                    .contains("<a href=\"/organiser/requests/q-1\">Rutland County Council</a>", "Sam Patel")
                    .contains("Sunday 6 December 2026, 10:15 (UK time)", "In discussion", "Keynote")
                    .contains("method=\"get\" action=\"/organiser/requests\"")
                    .contains(
                            "value=\"IN_DISCUSSION\" selected=\"selected\"", "value=\"KEYNOTE\" selected=\"selected\"")
                    .contains("1 request matching the filters")
                    .contains("/organisations/org-a/book");
        }

        @Test
        void anOfferingIsShownByItsNameInTheInboxAndOnItsPage() {
            services.answer("GET " + BASE, 200, """
                    [{"id":"q-2","status":"NEW","kind":"OFFERING","offeringId":"o1",
                      "offeringName":"Young carers awareness","receivedAt":"2026-12-06T10:15:00Z",
                      "requesterOrganisation":"Rutland County Council","contactName":"Sam Patel","audienceSize":60,
                      "eventId":null}]""");
            assertThat(organiserPage("/organiser/requests"))
                    .contains("<td data-label=\"Kind\">“Young carers awareness”</td>")
                    .contains("<a href=\"/organiser/offerings\">What you offer</a>");

            var offered = REQUEST.replace(
                    "\"kind\":\"KEYNOTE\"",
                    "\"kind\":\"OFFERING\",\"offeringId\":\"o1\",\"offeringName\":\"Young carers awareness\","
                            + "\"offeringKind\":\"TRAINING\"");
            services.respond("GET " + BASE + "/q-1", any -> tagged(200, offered, "\"4\""));
            assertThat(organiserPage("/organiser/requests/q-1"))
                    .contains("<h1>“Young carers awareness” request from Rutland County Council</h1>")
                    .contains("<dt>Kind</dt><dd>“Young carers awareness” (training)</dd>");
        }

        @Test
        void aFilterTheApiWouldNotKnowIsNotSent() {
            services.answer("GET " + BASE, 200, "[]");
            assertThat(organiserPage("/organiser/requests?status=whatever&kind="))
                    .contains("0 requests");
            assertThat(services.received("GET").getFirst().query()).isNull();
        }

        @Test
        void theNavigationLeadsToTheInbox() {
            services.answer("GET /api/organisations/org-a/events", 200, "[]");
            assertThat(organiserPage("/organiser")).contains("<a href=\"/organiser/requests\">Booking requests</a>");
        }

        @Test
        void theRequestPageShowsEverythingAndItsHistoryEscaped() {
            services.respond("GET " + BASE + "/q-1", any -> tagged(200, REQUEST, "\"4\""));
            var page = organiserPage("/organiser/requests/q-1");
            assertThat(page)
                    .contains("<h1>Keynote request from Rutland County Council</h1>")
                    .contains("Sam Patel", "mailto:sam.patel@rutland.example", "01572 722577")
                    .contains("Wednesday 10 March 2027", "Wednesday 17 March 2027", "In person, Oakham")
                    .contains("60 people: Professionals", "Step-free access", "Two wheelchair users")
                    .contains("British Sign Language (BSL)")
                    .contains("A keynote for our &lt;b&gt;annual&lt;/b&gt; conference.")
                    .doesNotContain("<b>annual</b>")
                    .contains("<h2 id=\"history-heading\">History</h2>")
                    .contains("Request received", "Note (only your organisation sees it)", "Ask about the budget")
                    .contains("Reply emailed to the requester", "Thank you, which hall?")
                    .contains("Status changed: In discussion", "by Alex Organiser")
                    .contains("name=\"etag\" value=\"&quot;4&quot;\"")
                    .contains("action=\"/organiser/requests/q-1/replies\"", "action=\"/organiser/requests/q-1/notes\"")
                    .contains("action=\"/organiser/requests/q-1/discuss\"", "action=\"/organiser/requests/q-1/accept\"")
                    .contains("action=\"/organiser/requests/q-1/decline\"", "action=\"/organiser/requests/q-1/erase\"")
                    .contains("href=\"/organiser/requests/q-1/export\"")
                    .contains("<label for=\"reply\">Reply to the requester</label>", "<label for=\"note\">Note</label>")
                    .contains("<label for=\"startsAt\">Start</label>", "<label for=\"timeZone\">Time zone</label>");
        }

        @Test
        void repliesNotesAndStatusChangesPostToTheirPathsWithTheETag() {
            for (var action : java.util.List.of("replies", "notes", "discuss", "decline")) {
                services.reset();
                services.respond("POST " + BASE + "/q-1/" + action, any -> tagged(200, REQUEST, "\"5\""));
                var field = action.equals("replies") ? "reply" : "note";
                client.post()
                        .uri("/organiser/requests/q-1/" + action)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .header("X-Convene-Csrf", CSRF)
                        .body(BodyInserters.fromFormData("_csrf", CSRF)
                                .with("etag", "\"4\"")
                                .with(field, "  Which hall?\nAnd when?  "))
                        .exchange()
                        .expectStatus()
                        .isSeeOther()
                        .expectHeader()
                        .location("/organiser/requests/q-1?done=" + action);
                assertThat(services.received("POST")).singleElement().satisfies(sent -> {
                    assertThat(sent.path()).isEqualTo(BASE + "/q-1/" + action);
                    assertThat(sent.ifMatch()).isEqualTo("\"4\"");
                    assertThat(sent.authorization()).isEqualTo("Bearer " + token);
                    if (action.equals("replies") || action.equals("notes")) {
                        assertThat(sent.body()).isEqualTo("{\"text\":\"Which hall?\\nAnd when?\"}");
                    } else {
                        assertThat(sent.body()).isEqualTo("{}");
                    }
                });
            }
        }

        @Test
        void acceptingSendsTheAgreedTimeAndLeadsToTheDraftEvent() {
            var scheduled = REQUEST.replace("\"status\":\"NEW\"", "\"status\":\"SCHEDULED\"")
                    .replace("\"eventId\":null", "\"eventId\":\"e-77\"");
            services.respond("POST " + BASE + "/q-1/accept", any -> tagged(200, scheduled, "\"6\""));
            client.post()
                    .uri("/organiser/requests/q-1/accept")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("etag", "\"4\"")
                            .with("startsAt", "2027-03-10T10:00")
                            .with("endsAt", "2027-03-10T11:00")
                            .with("timeZone", "Europe/London"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/requests/q-1?done=accept");
            var sent = services.received("POST").getFirst();
            assertThat(sent.ifMatch()).isEqualTo("\"4\"");
            assertThat(sent.body())
                    .isEqualTo("{\"startsAt\":\"2027-03-10T10:00\",\"endsAt\":\"2027-03-10T11:00\","
                            + "\"timeZone\":\"Europe/London\"}");

            services.reset();
            services.respond("POST " + BASE + "/q-1/accept", any -> tagged(200, scheduled, "\"6\""));
            client.post()
                    .uri("/organiser/requests/q-1/accept")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("etag", "\"4\"")
                            .with("startsAt", "")
                            .with("endsAt", "")
                            .with("timeZone", "Europe/London"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther();
            assertThat(services.received("POST").getFirst().body())
                    .as("without a time the API chooses one")
                    .isEqualTo("{}");

            services.respond("GET " + BASE + "/q-1", any -> tagged(200, scheduled, "\"6\""));
            assertThat(organiserPage("/organiser/requests/q-1?done=accept"))
                    .contains("role=\"status\"", "Accepted. A draft event was made from the request")
                    .contains("href=\"/organiser/events/e-77\"")
                    .doesNotContain("action=\"/organiser/requests/q-1/accept\"");
        }

        @Test
        void aChangeMadeMeanwhileShowsTheRequestAsItIsNowAndKeepsWhatWasTyped() {
            services.problem("POST " + BASE + "/q-1/replies", 412, """
                    {"type":"https://convene.dev/problems/edit-conflict","status":412}""");
            services.respond(
                    "GET " + BASE + "/q-1",
                    any -> tagged(200, REQUEST.replace("\"version\":4", "\"version\":7"), "\"7\""));
            var page = client.post()
                    .uri("/organiser/requests/q-1/replies")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("etag", "\"4\"")
                            .with("reply", "Which hall?"))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(412)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("This request changed meanwhile", "nothing was saved", "Here it is now")
                    .contains("name=\"etag\" value=\"&quot;7&quot;\"")
                    .contains(">Which hall?</textarea>");
        }

        @Test
        void aReplyTheApiRefusesShowsItsErrorOnTheReplyBox() {
            services.problem("POST " + BASE + "/q-1/replies", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "errors":[{"field":"text","message":"must not be blank"}]}""");
            services.respond("GET " + BASE + "/q-1", any -> tagged(200, REQUEST, "\"4\""));
            var page = client.post()
                    .uri("/organiser/requests/q-1/replies")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("etag", "\"4\"")
                            .with("reply", " "))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page).contains("<a href=\"#reply\">Enter reply to the requester</a>", "aria-invalid=\"true\"");
        }

        @Test
        void erasingAndExportingReachTheirPaths() {
            services.respond(
                    "POST " + BASE + "/q-1/erase",
                    any -> tagged(
                            200,
                            REQUEST.replace("\"erasedAt\":null", "\"erasedAt\":\"2026-12-06T12:00:00Z\""),
                            "\"8\""));
            client.post()
                    .uri("/organiser/requests/q-1/erase")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(BodyInserters.fromFormData("_csrf", CSRF))
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/requests/q-1?done=erase");
            assertThat(services.received("POST").getFirst().path()).isEqualTo(BASE + "/q-1/erase");

            services.respond(
                    "GET " + BASE + "/q-1/export",
                    any -> new StubServices.Answer(
                            200,
                            "application/json",
                            "{\"exportedAt\":\"2026-12-06T12:00:00Z\",\"request\":{\"id\":\"q-1\"}}",
                            0,
                            Map.of("Content-Disposition", "attachment; filename=\"booking-request-q-1.json\"")));
            client.get()
                    .uri("/organiser/requests/q-1/export")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"booking-request-q-1.json\"")
                    .expectHeader()
                    .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                    .expectBody(String.class)
                    .isEqualTo("{\"exportedAt\":\"2026-12-06T12:00:00Z\",\"request\":{\"id\":\"q-1\"}}");
        }

        @Test
        void anotherOrganisationsRequestIsNotFound() {
            // The stub answers org-a's request only; org-b's organiser asks for it under their own organisation.
            services.respond("GET " + BASE + "/q-1", any -> tagged(200, REQUEST, "\"4\""));
            var stranger = TestTokens.shared().organiserOf("org-b");
            client.get()
                    .uri("/organiser/requests/q-1")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .value(page ->
                            assertThat(page).contains("We can’t find that page").doesNotContain("Sam Patel"));
            assertThat(services.received("GET").getFirst().path())
                    .isEqualTo("/api/organisations/org-b/booking-requests/q-1");

            services.reset();
            client.get()
                    .uri("/organiser/requests")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + stranger)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }

        @Test
        void strangersAreSentToSignIn() {
            client.get()
                    .uri("/organiser/requests")
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/oauth2/authorization/convene");
            assertThat(services.received).isEmpty();
        }

        private String organiserPage(String path) {
            return client.get()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
        }
    }

    @Nested
    class WhatYouOffer {

        final String token = TestTokens.shared().organiserOf("org-a");

        @Test
        void listsTheOfferingsInAFormWithTheirLabelsAndTheETagReadAndIsInTheNavigation() {
            services.respond("GET " + OFFERINGS, any -> tagged(200, OFFERED, "\"7\""));
            var page = client.get()
                    .uri("/organiser/offerings")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(services.received("GET").getFirst().authorization()).isEqualTo("Bearer " + token);
            assertThat(page)
                    .contains("<h1>What you offer</h1>", "<a href=\"/organiser/offerings\">What you offer</a>")
                    .contains("method=\"post\" action=\"/organiser/offerings\"", "name=\"_csrf\"")
                    .contains("name=\"etag\" value=\"&quot;7&quot;\"")
                    .contains("<legend>Offering 1</legend>", "<legend>Offering 2</legend>")
                    .doesNotContain("<legend>Offering 3</legend>")
                    .contains("<label for=\"offerings-0--name\">Name</label>")
                    .contains("name=\"offerings[0].name\" value=\"Young carers awareness\"")
                    .contains("name=\"offerings[0].id\" value=\"o1\"")
                    .contains("<label for=\"offerings-1--kind\">Kind</label>")
                    .contains("<option value=\"KEYNOTE\" selected=\"selected\">Keynote</option>")
                    .contains("<label for=\"offerings-0--description\">Description (optional)</label>")
                    .contains(">A half day for school staff &amp; youth workers.</textarea>")
                    .contains("value=\"Lived experience &lt;talk&gt;\"")
                    .contains("<label for=\"offerings-1--remove\">Remove this one</label>")
                    .contains(
                            "<button type=\"submit\" name=\"add\" value=\"true\" class=\"secondary\">Add another</button>")
                    .contains("<button type=\"submit\">Save what you offer</button>");
        }

        @Test
        void savingPutsTheWholeListWithTheETagLeavingOutRemovedAndBlankRows() {
            services.respond("PUT " + OFFERINGS, any -> tagged(200, OFFERED, "\"8\""));
            save(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("etag", "\"7\"")
                            .with("offerings[0].id", "o1")
                            .with("offerings[0].name", " Young carers awareness ")
                            .with("offerings[0].kind", "TRAINING")
                            .with("offerings[0].description", "A half day.\nFor staff.")
                            .with("offerings[1].id", "k2")
                            .with("offerings[1].name", "Lived experience talk")
                            .with("offerings[1].kind", "KEYNOTE")
                            .with("offerings[1].description", "")
                            .with("offerings[1].remove", "true")
                            .with("offerings[2].id", "")
                            .with("offerings[2].name", "Safeguarding basics")
                            .with("offerings[2].kind", "CONSULTANCY")
                            .with("offerings[2].description", "")
                            .with("offerings[3].id", "")
                            .with("offerings[3].name", "")
                            .with("offerings[3].kind", "TRAINING")
                            .with("offerings[3].description", " "))
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/organiser/offerings?done=saved");
            assertThat(services.received("PUT")).singleElement().satisfies(sent -> {
                assertThat(sent.path()).isEqualTo(OFFERINGS);
                assertThat(sent.ifMatch()).isEqualTo("\"7\"");
                assertThat(sent.authorization()).isEqualTo("Bearer " + token);
                assertThat(sent.body())
                        .isEqualTo("{\"offerings\":[{\"id\":\"o1\",\"name\":\"Young carers awareness\","
                                + "\"description\":\"A half day.\\nFor staff.\",\"kind\":\"TRAINING\"},"
                                + "{\"name\":\"Safeguarding basics\",\"description\":null,\"kind\":\"CONSULTANCY\"}]}");
            });
        }

        @Test
        void addAnotherShowsABlankRowWithWhatWasTypedKeptAndSavesNothing() {
            var page = save(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("etag", "\"7\"")
                            .with("add", "true")
                            .with("offerings[0].id", "o1")
                            .with("offerings[0].name", "Young carers awareness, renamed")
                            .with("offerings[0].kind", "TRAINING")
                            .with("offerings[0].description", ""))
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(services.received).isEmpty();
            assertThat(page)
                    .contains("value=\"Young carers awareness, renamed\"", "name=\"etag\" value=\"&quot;7&quot;\"")
                    .contains("<legend>Offering 2</legend>", "name=\"offerings[1].name\" value=\"\"")
                    .contains("role=\"status\"", "A blank offering was added at the end");
        }

        @Test
        void theApisErrorsAreShownAtTheRowsTheyCameFromWithASummary() {
            services.problem("PUT " + OFFERINGS, 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "errors":[{"field":"offerings[1].name","message":"another offering has this name"},
                               {"field":"offerings[0].description","message":"size must be between 0 and 300"},
                               {"field":"offerings[1].kind","message":"must not be null"}]}""");
            var page = save(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("etag", "\"7\"")
                            .with("offerings[0].id", "o1")
                            .with("offerings[0].name", "Gone")
                            .with("offerings[0].kind", "TRAINING")
                            .with("offerings[0].remove", "true")
                            .with("offerings[1].id", "k2")
                            .with("offerings[1].name", "Talk")
                            .with("offerings[1].kind", "KEYNOTE")
                            .with("offerings[1].description", "Very long")
                            .with("offerings[2].id", "")
                            .with("offerings[2].name", "talk")
                            .with("offerings[2].kind", ""))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("<title>Error: What you offer – Convene</title>", "id=\"error-summary\"")
                    .contains("<a href=\"#offerings-2--name\">Offering 3: another offering has this name</a>")
                    .contains("<a href=\"#offerings-1--description\">Offering 2: the description is too long: up to 300"
                            + " characters</a>")
                    .contains("<a href=\"#offerings-2--kind\">Offering 3: choose its kind</a>")
                    .contains(
                            "aria-describedby=\"offerings-2--name-hint offerings-2--name-error\" aria-invalid=\"true\"")
                    .contains(
                            "id=\"offerings-2--kind\" name=\"offerings[2].kind\" aria-describedby=\"offerings-2--kind-error\"")
                    .as("what was typed is kept, the removal too")
                    .contains("value=\"Talk\"", ">Very long</textarea>", "value=\"talk\"")
                    .contains(
                            "id=\"offerings-0--remove\" name=\"offerings[0].remove\" value=\"true\" checked=\"checked\"");
        }

        @Test
        void aListChangedMeanwhileIsShownAsItIsNowKeepingNothingTyped() {
            services.problem("PUT " + OFFERINGS, 412, """
                    {"type":"https://convene.dev/problems/edit-conflict","status":412}""");
            services.respond("GET " + OFFERINGS, any -> tagged(200, OFFERED, "\"9\""));
            var page = save(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("etag", "\"7\"")
                            .with("offerings[0].id", "")
                            .with("offerings[0].name", "Something typed")
                            .with("offerings[0].kind", "TRAINING"))
                    .expectStatus()
                    .isEqualTo(412)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(services.received("PUT").getFirst().ifMatch()).isEqualTo("\"7\"");
            assertThat(page)
                    .contains("This list changed meanwhile; here it is now", "what you typed is not kept")
                    .contains("role=\"alert\"")
                    .contains("name=\"etag\" value=\"&quot;9&quot;\"", "value=\"Young carers awareness\"")
                    .doesNotContain("Something typed");
        }

        @Test
        void strangersAreSentToSignIn() {
            client.get().uri("/organiser/offerings").exchange().expectStatus().isSeeOther();
            assertThat(services.received).isEmpty();
        }

        private WebTestClient.ResponseSpec save(BodyInserters.FormInserter<String> form) {
            return client.post()
                    .uri("/organiser/offerings")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("X-Convene-Csrf", CSRF)
                    .body(form)
                    .exchange();
        }
    }

    static StubServices.Answer tagged(int status, String json, String etag) {
        return new StubServices.Answer(status, "application/json", json, 0, Map.of("ETag", etag));
    }
}
