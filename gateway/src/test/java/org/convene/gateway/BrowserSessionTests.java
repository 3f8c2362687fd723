package org.convene.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway as the browser's front door: sign-in starts with PKCE, the session cookie is locked
 * down, cookie-authenticated changes need the CSRF token, and bearer-token clients pass untouched.
 */
class BrowserSessionTests extends GatewayTest {

    @Autowired
    WebTestClient client;

    @Test
    void signInGoesToTheProviderWithPkceAndStateAndStartsALockedDownSession() {
        var result = client.get()
                .uri("/oauth2/authorization/convene")
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(String.class);

        var location = result.getResponseHeaders().getLocation();
        assertThat(location.toString())
                .startsWith(uri(PROVIDER) + "/oauth2/authorize?")
                .contains("response_type=code", "client_id=convene-gateway", "code_challenge_method=S256")
                .contains("code_challenge=", "state=", "nonce=", "scope=openid");
        var session = sessionCookie(result.getResponseCookies().getFirst("SESSION"));
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.isSecure()).as("plain HTTP on a developer's machine").isFalse();
    }

    @Test
    void theSessionCookieIsSecureWhenTheRequestCameOverTls() {
        var result = client.get()
                .uri("/oauth2/authorization/convene")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "convene.example.org")
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(String.class);

        assertThat(sessionCookie(result.getResponseCookies().getFirst("SESSION"))
                        .isSecure())
                .isTrue();
        assertThat(result.getResponseHeaders().getLocation().toString())
                .contains("redirect_uri=https://convene.example.org/login/oauth2/code/convene");
    }

    @Test
    void aChangeRidingOnTheSessionCookieWithoutTheCsrfTokenIsRefused() {
        var session = startSession();

        client.post()
                .uri("/api/events")
                .cookie("SESSION", session)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void aSubscribersPrivateLinkNeedsNoCsrfTokenEvenWithASessionCookie() {
        var session = startSession();

        client.post()
                .uri("/newsletter/unsubscribe/some-private-token-from-an-email")
                .cookie("SESSION", session)
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isNotEqualTo(403));
    }

    @Test
    void aPageFormReachesThePagesWholeWithTheCsrfCookiesValueForThemToCheck() {
        var session = startSession();
        var form = "_csrf=page-token-1&attendee.name=Jordan";

        client.post()
                .uri("/workshops/e-1/register")
                .cookie("SESSION", session)
                .cookie("XSRF-TOKEN", "page-token-1")
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .startsWith("web /workshops/e-1/register")
                        .contains("csrf=page-token-1")
                        .doesNotContain("SESSION"));
        assertThat(LAST_RECEIVED.get("web").bodyLength())
                .as("the form body was not consumed on the way")
                .isEqualTo(form.length());
    }

    @Test
    void theBookingRequestFormIsAPageFormTooCheckedByThePages() {
        var session = startSession();
        var form = "_csrf=page-token-2&kind=KEYNOTE";

        client.post()
                .uri("/organisations/voices-of-care/book")
                .cookie("SESSION", session)
                .cookie("XSRF-TOKEN", "page-token-2")
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(form)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .startsWith("web /organisations/voices-of-care/book")
                        .contains("csrf=page-token-2"));
        assertThat(LAST_RECEIVED.get("web").bodyLength()).isEqualTo(form.length());
    }

    @Test
    void thePagesGetTheLanguageAndReadingModeCookiesAndNothingElseOfTheBrowsersCookies() {
        var session = startSession();
        client.get()
                .uri("/workshops/e-1")
                .cookie("SESSION", session)
                .cookie("convene-lang", "cy")
                .cookie("convene-easy-read", "1")
                .cookie("tracker", "abc")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .startsWith("web /workshops/e-1")
                        .contains("cookie=convene-lang=cy; convene-easy-read=1")
                        .doesNotContain("SESSION", session, "tracker"));
        client.get()
                .uri("/api/events/e-1")
                .cookie("convene-lang", "cy")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body).startsWith("events-service").doesNotContain("cookie="));
        client.get()
                .uri("/preferences/language?lang=ar")
                .cookie("convene-lang", "<cy>")
                .exchange()
                .expectBody(String.class)
                .value(body ->
                        assertThat(body).startsWith("web /preferences/language").doesNotContain("cookie=", "<cy>"));
    }

    @Test
    void aCsrfHeaderAClientSendsItselfNeverReachesAServiceOrThePages() {
        client.get()
                .uri("/api/events/e-1")
                .header("X-Convene-Csrf", "forged")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body).startsWith("events-service").doesNotContain("csrf="));
        client.get()
                .uri("/workshops/e-1")
                .cookie("XSRF-TOKEN", "the-cookies-own")
                .header("X-Convene-Csrf", "forged")
                .exchange()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .startsWith("web")
                        .contains("csrf=the-cookies-own")
                        .doesNotContain("forged"));
    }

    @Test
    void aChangeRidingOnTheSessionCookieWithTheCsrfTokenPasses() {
        var session = startSession();
        var csrf = client.get()
                .uri("/api/session")
                .cookie("SESSION", session)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseCookies()
                .getFirst("XSRF-TOKEN");
        assertThat(csrf).as("the CSRF cookie a page reads").isNotNull();
        assertThat(csrf.isHttpOnly()).isFalse();

        client.post()
                .uri("/api/events")
                .cookie("SESSION", session)
                .cookie("XSRF-TOKEN", csrf.getValue())
                .header("X-XSRF-TOKEN", csrf.getValue())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .startsWith("events-service /api/events")
                        .as("the session cookie stays at the gateway")
                        .doesNotContain("cookie=", "SESSION"));
    }

    @Test
    void anApiClientsBearerTokenPassesThroughUntouchedAndNeedsNoCsrfToken() {
        client.post()
                .uri("/api/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer api-client-token")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("events-service /api/events authorization=Bearer api-client-token");
    }

    @Test
    void aPublicChangeWithoutASessionNeedsNoCsrfToken() {
        client.post()
                .uri("/api/events/e-1/registrations")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("registrations-service /api/events/e-1/registrations");
    }

    @Test
    void nobodyIsSignedInWithoutASession() {
        client.get()
                .uri("/api/session")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.signedIn")
                .isEqualTo(false);
    }

    @Test
    void signingOutWithoutTheCsrfTokenIsRefused() {
        client.post()
                .uri("/logout")
                .cookie("SESSION", startSession())
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private String startSession() {
        var cookie = client.get()
                .uri("/oauth2/authorization/convene")
                .exchange()
                .returnResult(String.class)
                .getResponseCookies()
                .getFirst("SESSION");
        return sessionCookie(cookie).getValue();
    }

    private static ResponseCookie sessionCookie(ResponseCookie cookie) {
        assertThat(cookie).as("the session cookie").isNotNull();
        return cookie;
    }
}
