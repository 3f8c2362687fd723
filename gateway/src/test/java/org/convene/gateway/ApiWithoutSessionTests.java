package org.convene.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;
import org.springframework.web.server.session.WebSessionStore;
import reactor.core.publisher.Mono;

/**
 * API traffic without the session cookie takes the session-less path: no web session is created or
 * read, no cookie (session or CSRF) is set, and nothing about it changes for the services. The
 * browser's session path is covered, unchanged, by {@link BrowserSessionTests}.
 */
class ApiWithoutSessionTests extends GatewayTest {

    @Autowired
    WebTestClient client;

    @Autowired
    WebSessionManager sessions;

    private WebSessionStore original;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger retrieved = new AtomicInteger();

    /** Counts what the gateway asks of its session store while a test runs. */
    @BeforeEach
    void countSessions() {
        var manager = (DefaultWebSessionManager) sessions;
        original = manager.getSessionStore();
        manager.setSessionStore(new CountingStore(original));
    }

    @AfterEach
    void restoreStore() {
        ((DefaultWebSessionManager) sessions).setSessionStore(original);
    }

    @Test
    void anAnonymousApiReadCreatesNoSessionAndSetsNoCookie() {
        var result = client.get()
                .uri("/api/events/e-1/availability")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();

        assertThat(result.getResponseBody()).isEqualTo("registrations-service /api/events/e-1/availability");
        expectNoCookieAndNoSession(result);
    }

    @Test
    void anAnonymousApiChangeCreatesNoSessionAndNeedsNoCsrfToken() {
        var result = client.post()
                .uri("/api/events/e-7/registrations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();

        expectNoCookieAndNoSession(result);
    }

    @Test
    void aBearerTokenCallCreatesNoSessionAndSetsNoCookie() {
        var result = client.post()
                .uri("/api/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer api-client-token")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();

        assertThat(result.getResponseBody())
                .isEqualTo("events-service /api/events authorization=Bearer api-client-token");
        expectNoCookieAndNoSession(result);
    }

    @Test
    void theSessionLessPathKeepsTheSecurityHeadersAndCors() {
        var result = client.get()
                .uri("/api/events/e-1")
                .header(HttpHeaders.ORIGIN, "https://app.convene.test")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.convene.test")
                .expectBody(String.class)
                .returnResult();
        expectNoCookieAndNoSession(result);

        client.post()
                .uri("/api/events/e-1/registrations")
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theBrowsersPathStillStartsASession() {
        // The counter sees sessions where there are some: signing in starts one.
        var result = client.get()
                .uri("/oauth2/authorization/convene")
                .exchange()
                .expectStatus()
                .isFound()
                .expectBody(String.class)
                .returnResult();

        assertThat(result.getResponseCookies().getFirst("SESSION")).isNotNull();
        assertThat(created).hasValue(1);
    }

    private void expectNoCookieAndNoSession(EntityExchangeResult<String> result) {
        assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE))
                .as("Set-Cookie")
                .isNull();
        assertThat(created).as("sessions created").hasValue(0);
        assertThat(retrieved).as("sessions read").hasValue(0);
    }

    private final class CountingStore implements WebSessionStore {

        private final WebSessionStore delegate;

        CountingStore(WebSessionStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<WebSession> createWebSession() {
            created.incrementAndGet();
            return delegate.createWebSession();
        }

        @Override
        public Mono<WebSession> retrieveSession(String sessionId) {
            retrieved.incrementAndGet();
            return delegate.retrieveSession(sessionId);
        }

        @Override
        public Mono<Void> removeSession(String sessionId) {
            return delegate.removeSession(sessionId);
        }

        @Override
        public Mono<WebSession> updateLastAccessTime(WebSession webSession) {
            return delegate.updateLastAccessTime(webSession);
        }
    }
}
