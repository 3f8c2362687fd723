package org.convene.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The pages in the person's language and reading mode (issue 21): Welsh, Arabic right to left, Easy Read,
 * chosen by the switches on every page (remembered in cookies) or the browser's Accept-Language.
 */
class ReadingPagesTests extends PagesTestContext {

    @Autowired
    WebTestClient client;

    @BeforeEach
    void publishedEvent() {
        services.reset();
        services.answer("GET /api/events", 200, "{\"events\":[" + WebApplicationTests.EVENT + "],\"next\":null}");
        services.answer("GET /api/events/e-1", 200, WebApplicationTests.EVENT);
        services.answer("GET /api/events/e-1/availability", 200, WebApplicationTests.AVAILABILITY);
    }

    @Nested
    class Languages {

        @Test
        void aWorkshopInWelshSaysSoAndGivesItsDayInWelshInTheEventsOwnZone() {
            var page = page("/workshops/e-1", "convene-lang", "cy");
            assertThat(page)
                    .contains("<html lang=\"cy\" dir=\"ltr\">")
                    .contains("<h2 id=\"register-heading\">Cofrestru</h2>")
                    .contains("Dydd Mercher 10 Chwefror 2027, 10:00 tan 14:00 (amser y DU)")
                    .contains("<legend>Amdanoch chi</legend>")
                    .contains("<label for=\"attendee-name\">Eich enw</label>")
                    .contains("Mynediad heb risiau")
                    .doesNotContain("Step-free access")
                    .doesNotContain("??");
        }

        @Test
        void aWorkshopInArabicIsRightToLeftWithTheEventsOwnWordsAsWritten() {
            var page = page("/workshops/e-1", "convene-lang", "ar");
            assertThat(page)
                    .contains("<html lang=\"ar\" dir=\"rtl\">")
                    .contains("<h2 id=\"register-heading\">سجّل</h2>")
                    .contains("الأربعاء 10 فبراير 2027")
                    .contains("بتوقيت المملكة المتحدة")
                    // The organiser's title stays as they wrote it.
                    .contains("Peer research &lt;b&gt;workshop&lt;/b&gt;")
                    .contains("<bdi>LS1 1AA</bdi>")
                    .doesNotContain("??");
        }

        @Test
        void withoutAChoiceTheBrowsersLanguageIsUsedAndAnyEnglishIsBritish() {
            assertThat(pageWithAcceptLanguage("/", "cy-GB,cy;q=0.9,en;q=0.5"))
                    .contains("<html lang=\"cy\" dir=\"ltr\">")
                    .contains("<h1>Dod o hyd i weithdy</h1>");
            assertThat(pageWithAcceptLanguage("/", "fr-FR,ar;q=0.8")).contains("<html lang=\"ar\" dir=\"rtl\">");
            assertThat(pageWithAcceptLanguage("/", "en-US,en;q=0.9"))
                    .contains("<html lang=\"en-GB\" dir=\"ltr\">")
                    .contains("<h1>Find a workshop</h1>");
            assertThat(pageWithAcceptLanguage("/", "de-DE")).contains("<html lang=\"en-GB\" dir=\"ltr\">");
        }

        @Test
        void theChoiceInTheCookieWinsOverTheBrowsersAndAnUnknownChoiceIsIgnored() {
            var welsh = client.get()
                    .uri("/")
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "ar")
                    .cookie("convene-lang", "cy")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(welsh).contains("<html lang=\"cy\" dir=\"ltr\">");
            assertThat(page("/", "convene-lang", "fr")).contains("<html lang=\"en-GB\" dir=\"ltr\">");
        }

        @Test
        void everyPageOffersEachLanguageInItsOwnWordsAndTheReadingMode() {
            var page = page("/subscribe", "convene-lang", "ar");
            assertThat(page)
                    .contains(
                            "<a href=\"/preferences/language?lang=en-GB\" lang=\"en-GB\" hreflang=\"en-GB\">English</a>")
                    .contains("<a href=\"/preferences/language?lang=cy\" lang=\"cy\" hreflang=\"cy\">Cymraeg</a>")
                    .contains(
                            "<a href=\"/preferences/language?lang=ar\" lang=\"ar\" hreflang=\"ar\" aria-current=\"true\">العربية</a>")
                    .contains("<a href=\"/preferences/reading-mode?easyRead=1\">سهل القراءة</a>");
        }

        @Test
        void anErrorPageIsInThePersonsLanguageToo() {
            services.problem("GET /api/events/nope", 404, "{\"status\":404}");
            var page = client.get()
                    .uri("/workshops/nope")
                    .cookie("convene-lang", "cy")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page).contains("<h1>Ni allwn ddod o hyd i’r dudalen honno</h1>");
        }

        @Test
        void aFormsErrorsAreInThePersonsLanguage() {
            services.problem("POST /api/events/e-1/registrations", 400, """
                    {"type":"https://convene.dev/problems/invalid-request","status":400,
                     "errors":[{"field":"attendee.name","message":"must not be blank"}]}""");
            var page = client.post()
                    .uri("/workshops/e-1/register")
                    .header("X-Convene-Csrf", CSRF)
                    .cookie("convene-lang", "cy")
                    .body(BodyInserters.fromFormData("_csrf", CSRF).with("attendee.email", "sam@example.org"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("<h2 id=\"error-summary-title\">Mae problem</h2>")
                    .contains(">Rhowch eich enw</a>")
                    .contains("<title>Gwall: Peer research");
        }
    }

    @Nested
    class TheOrganisersOwnTranslations {

        static final String TRANSLATED = WebApplicationTests.EVENT.replace(
                "\"online\":false,",
                "\"online\":false,\"easyReadSummary\":\"We make a plan together.\\nThere is pizza.\","
                        + "\"translations\":{\"cy\":{\"title\":\"Gweithdy ymchwil\",\"summary\":null},"
                        + "\"ar\":{\"title\":null,\"summary\":\"نخطط لدراسة معًا\"}},");

        @BeforeEach
        void translatedEvent() {
            services.answer("GET /api/events/e-1", 200, TRANSLATED);
        }

        @Test
        void aWorkshopShowsTheTitleAndSummaryTheOrganiserWroteInThePersonsLanguageElseTheirOwn() {
            assertThat(page("/workshops/e-1", "convene-lang", "cy"))
                    .contains("<h1>Gweithdy ymchwil</h1>")
                    .contains("<p class=\"lede\">Plan a study together</p>");
            assertThat(page("/workshops/e-1", "convene-lang", "ar"))
                    .contains("<h1>Peer research &lt;b&gt;workshop&lt;/b&gt;</h1>")
                    .contains("<p class=\"lede\">نخطط لدراسة معًا</p>");
            assertThat(page("/workshops/e-1", "convene-lang", "en-GB"))
                    .contains("<h1>Peer research &lt;b&gt;workshop&lt;/b&gt;</h1>")
                    .doesNotContain("Gweithdy");
        }

        @Test
        void easyReadShowsTheOrganisersEasyReadSummary() {
            assertThat(page("/workshops/e-1", "convene-easy-read", "1"))
                    .contains("<p class=\"easy-summary pre-line\">We make a plan together.\nThere is pizza.</p>");
            assertThat(page("/workshops/e-1", "convene-lang", "en-GB")).doesNotContain("We make a plan together.");
        }
    }

    @Nested
    class Switches {

        @Test
        void theLanguageSwitchRemembersTheChoiceAndGoesBackToTheSamePageAndQuery() {
            client.get()
                    .uri("/preferences/language?lang=cy")
                    .header(HttpHeaders.REFERER, "https://convene.example.org/workshops/e-1?invitation=abc#x")
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/workshops/e-1?invitation=abc")
                    .expectCookie()
                    .valueEquals("convene-lang", "cy")
                    .expectCookie()
                    .httpOnly("convene-lang", true)
                    .expectCookie()
                    .sameSite("convene-lang", "Lax");
        }

        @Test
        void theSwitchNeverSendsAnyoneToAnotherSite() {
            for (var away : java.util.List.of(
                    "//evil.example/x",
                    "https://evil.example/",
                    "/\\evil.example",
                    "evil.example",
                    "/%0d%0aSet-Cookie:x")) {
                var location = client.get()
                        .uri(builder -> builder.path("/preferences/language")
                                .queryParam("lang", "ar")
                                .queryParam("return", "{away}")
                                .build(away))
                        .exchange()
                        .expectStatus()
                        .isSeeOther()
                        .returnResult(Void.class)
                        .getResponseHeaders()
                        .getLocation();
                assertThat(location).as(away).isNotNull();
                assertThat(location.getHost()).as(away).isNull();
                assertThat(location.toString()).as(away).startsWith("/").doesNotStartWith("//");
            }
        }

        @Test
        void aLanguageThatIsNotOfferedChangesNothing() {
            var result = client.get()
                    .uri("/preferences/language?lang=fr&return=/subscribe")
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/subscribe")
                    .returnResult(Void.class);
            assertThat(result.getResponseCookies()).doesNotContainKey("convene-lang");
        }

        @Test
        void theReadingModeSwitchTurnsEasyReadOnAndOff() {
            client.get()
                    .uri("/preferences/reading-mode?easyRead=1")
                    .header(HttpHeaders.REFERER, "http://localhost/workshops/e-1")
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/workshops/e-1")
                    .expectCookie()
                    .valueEquals("convene-easy-read", "1");
            client.get()
                    .uri("/preferences/reading-mode?easyRead=0")
                    .exchange()
                    .expectStatus()
                    .isSeeOther()
                    .expectHeader()
                    .location("/")
                    .expectCookie()
                    .maxAge("convene-easy-read", java.time.Duration.ZERO);
        }
    }

    @Nested
    class EasyRead {

        @Test
        void aWorkshopInEasyReadHasLargerTextAndAPictureBesideEachKeyFact() {
            var page = page("/workshops/e-1", "convene-easy-read", "1");
            assertThat(page)
                    .contains("<body class=\"easy-read\">")
                    .contains("<h2 id=\"easy-heading\">The main facts</h2>")
                    .contains("src=\"/assets/pictograms/clock.svg\"")
                    .contains("src=\"/assets/pictograms/map-pin.svg\"")
                    .contains("src=\"/assets/pictograms/mail.svg\"")
                    .contains("src=\"/assets/pictograms/backpack.svg\"")
                    .contains("src=\"/assets/pictograms/hand-heart.svg\"")
                    .contains("<p>There are 3 places left.</p>")
                    .contains("<p>Tell us what help you need.</p>");
            assertThat(page("/workshops/e-1", "convene-lang", "en-GB"))
                    .doesNotContain("easy-read")
                    .doesNotContain("pictograms/clock.svg");
        }

        @Test
        void easyReadComesInEveryLanguage() {
            var page = client.get()
                    .uri("/workshops/e-1")
                    .cookie("convene-easy-read", "1")
                    .cookie("convene-lang", "ar")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page)
                    .contains("<html lang=\"ar\" dir=\"rtl\">")
                    .contains("<h2 id=\"easy-heading\">أهم المعلومات</h2>")
                    .contains("<a href=\"/preferences/reading-mode?easyRead=0\">النص العادي</a>");
        }

        @Test
        void thePictogramsAreShippedWithThePagesAndSayWhereTheyComeFrom() {
            client.get()
                    .uri("/assets/pictograms/clock.svg")
                    .exchange()
                    .expectStatus()
                    .isOk();
            client.get()
                    .uri("/assets/pictograms/README.md")
                    .exchange()
                    .expectBody(String.class)
                    .value(readme ->
                            assertThat(readme).contains("lucide-static").contains("ISC"));
        }
    }

    @Nested
    class RememberedForEmails {

        @Test
        void aRegistrationCarriesThePagesLanguageAndReadingMode() {
            services.answer("POST /api/events/e-1/registrations", 201, """
                    {"registrationId":"r-1","eventId":"e-1","status":"CONFIRMED","seats":1,
                     "manageLink":"http://localhost:8080/manage/tok-123"}""");
            client.post()
                    .uri("/workshops/e-1/register")
                    .header("X-Convene-Csrf", CSRF)
                    .cookie("convene-lang", "cy")
                    .cookie("convene-easy-read", "1")
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("attendee.name", "Jordan")
                            .with("attendee.email", "jordan@example.org")
                            .with("attendee.role", "YOUNG_PERSON")
                            .with("attendee.ageBand", "AGE_18_TO_25"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther();
            assertThat(services.received("POST").getFirst().body())
                    .contains("\"language\":\"cy\"")
                    .contains("\"easyRead\":true");
        }

        @Test
        void aGroupBookingAndANewsletterSignUpCarryThemToo() {
            services.answer("POST /api/events/e-1/registrations", 201, """
                    {"registrationId":"r-2","eventId":"e-1","status":"CONFIRMED","seats":2,
                     "manageLink":"http://localhost:8080/manage/tok-124"}""");
            client.post()
                    .uri("/workshops/e-1/group")
                    .header("X-Convene-Csrf", CSRF)
                    .cookie("convene-lang", "ar")
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("people", "1")
                            .with("action", "book")
                            .with("attendee.name", "Sam")
                            .with("attendee.email", "sam@example.org")
                            .with("attendee.role", "PROFESSIONAL")
                            .with("group.members[0].name", "Riley")
                            .with("group.members[0].ageBand", "UNDER_16"))
                    .exchange()
                    .expectStatus()
                    .isSeeOther();
            assertThat(services.received("POST").getFirst().body())
                    .contains("\"language\":\"ar\"")
                    .contains("\"easyRead\":false");

            services.reset();
            services.answer("POST /api/newsletter/subscriptions", 202, "{}");
            client.post()
                    .uri("/subscribe")
                    .header("X-Convene-Csrf", CSRF)
                    .header(HttpHeaders.ACCEPT_LANGUAGE, "cy")
                    .body(BodyInserters.fromFormData("_csrf", CSRF)
                            .with("email", "sam@example.org")
                            .with("topics", "workshops"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            assertThat(services.received("POST").getFirst().body())
                    .contains("\"language\":\"cy\"")
                    .contains("\"easyRead\":false");
        }
    }

    private String page(String path, String cookie, String value) {
        return client.get()
                .uri(path)
                .cookie(cookie, value)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String pageWithAcceptLanguage(String path, String header) {
        return client.get()
                .uri(path)
                .header(HttpHeaders.ACCEPT_LANGUAGE, header)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
