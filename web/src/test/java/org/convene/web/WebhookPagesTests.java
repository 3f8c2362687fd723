package org.convene.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.convene.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The organiser's webhooks pages (ADR 17) against notifications-service's API over real HTTP (the shared
 * recording stub): the list and the form, the secret shown once on a page no cache keeps, the API's
 * refusals in the page's language, the delivery log and "send again".
 */
class WebhookPagesTests extends PagesTestContext {

    static final String BASE = "/api/organisations/org-a/webhooks";
    static final String ENDPOINT = """
            {"id":"we_1","url":"https://hooks.example.org/convene","description":"CRM","eventTypes":["event.published",
             "registration.confirmed"],"personalDetails":false,"enabled":true,"disabledReason":null,
             "createdAt":"2026-12-06T10:00:00Z","updatedAt":"2026-12-06T10:00:00Z","previousSecretUntil":null}""";

    @Autowired
    WebTestClient client;

    final String token = TestTokens.shared().organiserOf("org-a");

    @BeforeEach
    void reset() {
        services.reset();
        // A page's first rendering compiles its template; on a busy 2-core machine that can pass the 5 s default.
        client = client.mutate()
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    @Test
    void theListShowsEachAddressWithWhatItSendsAndAFormToAddOneWithEveryLabel() {
        services.answer("GET " + BASE, 200, "[" + ENDPOINT + "]");

        var page = page("/organiser/webhooks", "en-GB");

        assertThat(page)
                .contains("<h1>Webhooks</h1>")
                .contains("<a href=\"/organiser/webhooks/we_1\">https://hooks.example.org/convene</a>")
                .contains("<li>An event is published</li>", "<li>A place is confirmed</li>")
                .contains("<label for=\"url\">Address (URL)</label>")
                .contains("<legend>What should be sent?</legend>")
                .contains("<label for=\"type-7\">Someone is checked in</label>")
                .contains("<label for=\"personalDetails\">Include people&#39;s personal details</label>")
                .contains("name=\"_csrf\"", "webhook-signature");
        assertThat(services.received("GET").getFirst().authorization()).isEqualTo("Bearer " + token);
    }

    @Test
    void theWordsComeFromTheReadersLanguage() {
        services.answer("GET " + BASE, 200, "[" + ENDPOINT + "]");

        assertThat(page("/organiser/webhooks", "cy"))
                .contains("<h1>Bachau gwe</h1>", "Mae digwyddiad yn cael ei gyhoeddi");
        assertThat(page("/organiser/webhooks", "ar")).contains("<h1>خطافات الويب</h1>", "نُشرت فعالية");
    }

    @Test
    void addingSendsTheApisJsonAndShowsTheSecretOnceOnAPageNoCacheKeeps() {
        services.answer(
                "POST " + BASE,
                201,
                "{\"endpoint\":" + ENDPOINT + ",\"secret\":\"whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}");

        var page = client.post()
                .uri("/organiser/webhooks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB")
                .header("X-Convene-Csrf", CSRF)
                .body(BodyInserters.fromFormData("_csrf", CSRF)
                        .with("url", " https://hooks.example.org/convene ")
                        .with("description", "CRM")
                        .with("eventTypes", "event.published")
                        .with("eventTypes", "registration.confirmed")
                        .with("eventTypes", "not.a.type"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(services.received("POST").getFirst().body())
                .isEqualTo("{\"url\":\"https://hooks.example.org/convene\",\"description\":\"CRM\","
                        + "\"eventTypes\":[\"event.published\",\"registration.confirmed\"],\"personalDetails\":false}");
        assertThat(page)
                .contains("<h1>Your signing secret</h1>", "it is shown only once")
                .contains("value=\"whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"");
    }

    @Test
    void aRefusedAddressIsSaidInThePagesLanguageLinkedToItsFieldAndWhatWasTypedIsKept() {
        services.answer("GET " + BASE, 200, "[]");
        services.problem("POST " + BASE, 400, """
                {"type":"https://convene.dev/problems/invalid-request","title":"The request has mistakes","status":400,
                 "errors":[{"field":"url","message":"must not point to a private, loopback, link-local or other non-public address"}]}""");

        var page = client.post()
                .uri("/organiser/webhooks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "cy")
                .header("X-Convene-Csrf", CSRF)
                .body(BodyInserters.fromFormData("_csrf", CSRF)
                        .with("url", "https://10.0.0.1/hook")
                        .with("eventTypes", "event.published"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(page)
                .contains("<a href=\"#url\">Mae&#39;r cyfeiriad yn arwain at rwydwaith preifat neu fewnol")
                .contains("value=\"https://10.0.0.1/hook\"", "aria-invalid=\"true\"")
                .contains("value=\"event.published\" checked=\"checked\"");
    }

    @Test
    void anAddressShowsItsDeliveryLogAndSendAgainAsksTheApi() {
        services.answer("GET " + BASE + "/we_1", 200, ENDPOINT);
        services.answer("GET " + BASE + "/we_1/deliveries", 200, """
                [{"id":"msg_1","type":"registration.confirmed","status":"FAILED","attempts":12,"lastStatusCode":500,
                  "lastError":"http","createdAt":"2026-12-06T10:05:00Z","lastAttemptAt":"2026-12-06T11:00:00Z",
                  "nextAttemptAt":null,"deliveredAt":null},
                 {"id":"msg_2","type":"event.published","status":"PENDING","attempts":1,"lastStatusCode":null,
                  "lastError":"timeout","createdAt":"2026-12-06T10:01:00Z","lastAttemptAt":"2026-12-06T10:01:01Z",
                  "nextAttemptAt":"2026-12-06T10:01:11Z","deliveredAt":null}]""");
        services.answer("POST " + BASE + "/we_1/deliveries/msg_1/resend", 202, "{}");

        var page = page("/organiser/webhooks/we_1", "en-GB");
        assertThat(page)
                .contains("<td data-label=\"Status\">Failed</td>", "<td data-label=\"Attempts\">12</td>")
                .contains(
                        "<td data-label=\"Last answer\">500</td>",
                        "<td data-label=\"Last answer\">No answer in time</td>")
                .contains("action=\"/organiser/webhooks/we_1/deliveries/msg_1/resend\"");

        client.post()
                .uri("/organiser/webhooks/we_1/deliveries/msg_1/resend")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Convene-Csrf", CSRF)
                .body(BodyInserters.fromFormData("_csrf", CSRF))
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/organiser/webhooks/we_1?done=resent");
        assertThat(services.received("POST").getFirst().path()).isEqualTo(BASE + "/we_1/deliveries/msg_1/resend");
    }

    @Test
    void aNewSecretIsShownOnceAndTheOldOneIsSaidToSignForADayMore() {
        services.answer(
                "POST " + BASE + "/we_1/secret",
                200,
                "{\"endpoint\":" + ENDPOINT + ",\"secret\":\"whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQ=\"}");

        var page = post("/organiser/webhooks/we_1/secret", BodyInserters.fromFormData("_csrf", CSRF))
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(page)
                .contains("A new signing secret was made.", "For the next 24 hours")
                .contains("value=\"whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQ=\"");
    }

    @Test
    void turningAnAddressOffSendsItBackAsItIsButOffAndRemovingItAsksTheApiToRemoveIt() {
        services.answer("GET " + BASE + "/we_1", 200, ENDPOINT);
        services.answer("PUT " + BASE + "/we_1", 200, ENDPOINT.replace("\"enabled\":true", "\"enabled\":false"));
        services.answer("DELETE " + BASE + "/we_1", 204, "");

        post(
                        "/organiser/webhooks/we_1/enabled",
                        BodyInserters.fromFormData("_csrf", CSRF).with("enabled", "false"))
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/organiser/webhooks/we_1?done=disabled");
        assertThat(services.received("PUT").getFirst().body())
                .isEqualTo("{\"url\":\"https://hooks.example.org/convene\",\"description\":\"CRM\","
                        + "\"eventTypes\":[\"event.published\",\"registration.confirmed\"],\"personalDetails\":false,"
                        + "\"enabled\":false}");

        post("/organiser/webhooks/we_1/delete", BodyInserters.fromFormData("_csrf", CSRF))
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .location("/organiser/webhooks?done=removed");
        assertThat(services.received("DELETE").getFirst().path()).isEqualTo(BASE + "/we_1");
    }

    private WebTestClient.ResponseSpec post(String path, BodyInserters.FormInserter<String> form) {
        return client.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB")
                .header("X-Convene-Csrf", CSRF)
                .body(form)
                .exchange();
    }

    private String page(String path, String language) {
        return client.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT_LANGUAGE, language)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
