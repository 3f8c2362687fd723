package org.convene.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The check-in page's scanner (issue 22): its script posts each code as JSON to the page's own endpoint,
 * which checks the person in through registrations-service and answers in the organiser's language. A
 * repeated code is the same success (so a queue sent twice loses nothing); bad input and forged requests
 * reach no service.
 */
class CheckInScanTests extends PagesTestContext {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CODES = "/organiser/events/e-1/check-in/codes";
    private static final String RILEY = """
            {"registrationId":"r-9","memberId":"m1","name":"Riley","attendance":"ATTENDED","alreadyMarked":%s}""";

    @Autowired
    WebTestClient client;

    final String token = TestTokens.shared().organiserOf("org-a");

    @BeforeEach
    void event() {
        services.reset();
        services.answer("GET /api/events/e-1", 200, WebApplicationTests.EVENT);
        services.answer("GET /api/events/e-1/registrations", 200, "[]");
    }

    WebTestClient.ResponseSpec scan(String body, String language) {
        return client.post()
                .uri(CODES)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Convene-Csrf", CSRF)
                .header("X-XSRF-TOKEN", CSRF)
                .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    JsonNode answer(WebTestClient.ResponseSpec response, int status, MediaType type) {
        var body = response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(type)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void aScannedCodeChecksThatPersonInAndSaysWho() {
        services.answer("POST /api/events/e-1/check-in", 200, RILEY.formatted("false"));

        var answer = answer(scan("{\"code\":\" code-of-riley_987 \"}", "en-GB"), 200, MediaType.APPLICATION_JSON);

        assertThat(answer.get("name").asString()).isEqualTo("Riley");
        assertThat(answer.get("registrationId").asString()).isEqualTo("r-9");
        assertThat(answer.get("memberId").asString()).isEqualTo("m1");
        assertThat(answer.get("alreadyCheckedIn").asBoolean()).isFalse();
        assertThat(answer.get("message").asString()).isEqualTo("Riley checked in");
        var sent = services.received("POST").getFirst();
        assertThat(sent.path()).isEqualTo("/api/events/e-1/check-in");
        assertThat(sent.body()).contains("\"code\":\"code-of-riley_987\"", "\"attendance\":\"ATTENDED\"");
        assertThat(sent.authorization()).isEqualTo("Bearer " + token);
    }

    @Test
    void theSameCodeAgainIsTheSameSuccessSayingTheyWereAlreadyCheckedIn() {
        services.answer("POST /api/events/e-1/check-in", 200, RILEY.formatted("true"));

        var answer = answer(scan("{\"code\":\"code-of-riley_987\"}", "en-GB"), 200, MediaType.APPLICATION_JSON);

        assertThat(answer.get("alreadyCheckedIn").asBoolean()).isTrue();
        assertThat(answer.get("message").asString()).isEqualTo("Riley was already checked in");
    }

    @Test
    void anUnknownCodeIsAProblemNamingItsKind() {
        services.problem("POST /api/events/e-1/check-in", 404, """
                {"type":"https://convene.dev/problems/not-found","status":404,"detail":"No one with that code at this event"}""");

        var problem = answer(scan("{\"code\":\"tok-1\"}", "en-GB"), 404, MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(problem.get("type").asString()).isEqualTo("https://convene.dev/problems/unknown-check-in-code");
        assertThat(problem.get("detail").asString()).isEqualTo("No one with that code at this event");
    }

    @Test
    void someoneWithoutAConfirmedPlaceIsAConflict() {
        services.problem("POST /api/events/e-1/check-in", 409, """
                {"type":"https://convene.dev/problems/refused","status":409,"detail":"Only a confirmed registration can be checked in."}""");

        var problem = answer(scan("{\"code\":\"code-of-casey\"}", "en-GB"), 409, MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(problem.get("type").asString()).isEqualTo("https://convene.dev/problems/not-confirmed");
        assertThat(problem.get("detail").asString()).contains("does not have a confirmed place");
    }

    @Test
    void aServiceNotAnsweringIsUnavailableSoTheScriptKeepsTheCode() {
        services.slow("POST /api/events/e-1/check-in", 2_000);

        var problem = answer(scan("{\"code\":\"code-of-riley\"}", "en-GB"), 503, MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(problem.get("type").asString()).isEqualTo("https://convene.dev/problems/service-unavailable");
    }

    @Test
    void badInputIsAProblemOnTheCodeAndReachesNoService() {
        services.answer("POST /api/events/e-1/check-in", 200, RILEY.formatted("false"));
        for (var body : new String[] {
            "{\"code\":\"not a code!\"}",
            "{\"code\":\"" + "a".repeat(101) + "\"}",
            "{\"code\":\"   \"}",
            "{\"code\":null}",
            "{}",
            "{\"code\":",
            "[1,2]",
            "{\"code\":{\"$ne\":1}}"
        }) {
            var problem = answer(scan(body, "en-GB"), 400, MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(problem.get("type").asString())
                    .as(body)
                    .isEqualTo("https://convene.dev/problems/invalid-request");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("code");
        }
        assertThat(services.received("POST")).isEmpty();
    }

    @Test
    void aRequestWithoutThePagesTokenIsRefusedAndReachesNoService() {
        services.answer("POST /api/events/e-1/check-in", 200, RILEY.formatted("false"));

        // Another token than the page's (a forged request guessing one).
        var wrong = client.post()
                .uri(CODES)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Convene-Csrf", CSRF)
                .header("X-XSRF-TOKEN", "not-the-token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"code-of-riley\"}")
                .exchange();
        assertThat(answer(wrong, 403, MediaType.APPLICATION_PROBLEM_JSON)
                        .get("type")
                        .asString())
                .isEqualTo("https://convene.dev/problems/page-out-of-date");

        // No token at all: a cross-site form or fetch cannot add the header.
        client.post()
                .uri(CODES)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Convene-Csrf", CSRF)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"code-of-riley\"}")
                .exchange()
                .expectStatus()
                .isForbidden();

        // Not through the gateway (no cookie token to compare with).
        client.post()
                .uri(CODES)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-XSRF-TOKEN", CSRF)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"code-of-riley\"}")
                .exchange()
                .expectStatus()
                .isForbidden();

        assertThat(services.received("POST")).isEmpty();
    }

    /** Who may use it: a signed-in organiser only; the service then decides whose event it is (404 otherwise). */
    @Test
    void strangersAndForgedTokensAreSentToSignInAndAnotherOrganisationsEventIsUnknown() {
        services.answer("POST /api/events/e-1/check-in", 200, RILEY.formatted("false"));
        for (var authorization : new String[] {
            null, "Bearer " + TestTokens.shared().tamperedToken("org-b", "org-a"), "Bearer not-a-token"
        }) {
            var request = client.post()
                    .uri(CODES)
                    .header("X-Convene-Csrf", CSRF)
                    .header("X-XSRF-TOKEN", CSRF)
                    .contentType(MediaType.APPLICATION_JSON);
            if (authorization != null) {
                request = request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            request.bodyValue("{\"code\":\"code-of-riley\"}")
                    .exchange()
                    .expectStatus()
                    .isSeeOther();
        }
        assertThat(services.received("POST")).isEmpty();

        // The organiser of another organisation: registrations-service finds no such event for them.
        services.problem("POST /api/events/e-1/check-in", 404, """
                {"type":"https://convene.dev/problems/not-found","status":404}""");
        assertThat(answer(scan("{\"code\":\"code-of-riley\"}", "en-GB"), 404, MediaType.APPLICATION_PROBLEM_JSON)
                        .get("type")
                        .asString())
                .isEqualTo("https://convene.dev/problems/unknown-check-in-code");
    }

    @Test
    void theAnswerIsInTheOrganisersLanguage() {
        services.answer("POST /api/events/e-1/check-in", 200, RILEY.formatted("false"));
        assertThat(answer(scan("{\"code\":\"code-of-riley\"}", "cy"), 200, MediaType.APPLICATION_JSON)
                        .get("message")
                        .asString())
                .isEqualTo("Mae Riley wedi cofrestru");

        services.problem("POST /api/events/e-1/check-in", 404, """
                {"type":"https://convene.dev/problems/not-found","status":404}""");
        assertThat(answer(scan("{\"code\":\"nobody\"}", "ar"), 404, MediaType.APPLICATION_PROBLEM_JSON)
                        .get("detail")
                        .asString())
                .isEqualTo("لا يوجد أحد بهذا الرمز في هذه الفعالية");
    }

    @Test
    void thePageOffersTheScannerItsWordsAndTheTypedFormThatWorksWithoutScript() {
        var page = client.get()
                .uri("/organiser/events/e-1/check-in")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("<div id=\"scanner\" class=\"scanner\" hidden")
                .contains("data-codes-url=\"/organiser/events/e-1/check-in/codes\"")
                .contains("data-jsqr-src=\"/assets/vendor/jsqr/jsQR.js\"")
                .contains("data-text-waiting=\"Waiting to send: {0}\"")
                .contains("Scan a QR code", "role=\"status\" aria-live=\"polite\"")
                .contains("<script src=\"/assets/check-in.js\" defer></script>")
                .contains("action=\"/organiser/events/e-1/check-in/code\"");

        var welsh = client.get()
                .uri("/organiser/events/e-1/check-in")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "cy")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(welsh).contains("Sganio cod QR", "Cofrestru â chod").doesNotContain("Scan a QR code");
    }

    @Test
    void theScriptAndTheQrLibraryAreServedFromOurOwnAssets() {
        for (var asset : new String[] {"/assets/check-in.js", "/assets/check-in.css", "/assets/vendor/jsqr/jsQR.js"}) {
            client.get().uri(asset).exchange().expectStatus().isOk();
        }
        client.get()
                .uri("/assets/check-in.js")
                .exchange()
                .expectBody(String.class)
                .value(script -> assertThat(script).doesNotContain("http://", "https://"));
    }

    @Test
    void everyLanguageHasEveryWordAndTheMachineMadeOnesSaySo() throws Exception {
        var english = bundle("i18n/check-in.properties");
        assertThat(english.stringPropertyNames()).allMatch(key -> key.startsWith("checkin."));
        for (var language : new String[] {"cy", "ar"}) {
            var name = "i18n/check-in_" + language + ".properties";
            assertThat(bundle(name).stringPropertyNames()).as(name).isEqualTo(english.stringPropertyNames());
            var text = new ClassPathResource(name).getContentAsString(StandardCharsets.UTF_8);
            assertThat(text)
                    .startsWith(
                            "# Machine-made translation (2026-12); to be reviewed by a native speaker before release.");
        }
    }

    private static Properties bundle(String name) throws Exception {
        var properties = new Properties();
        try (var reader = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
