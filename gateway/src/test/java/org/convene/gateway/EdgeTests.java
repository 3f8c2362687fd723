package org.convene.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway's edge over real HTTP: request ids and trace context going through, CORS and security
 * headers, body size and rate limits. Rate-limit tests connect from their own loopback addresses
 * (127.0.0.2 and up) so their buckets are theirs alone.
 */
class EdgeTests extends GatewayTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void everyRequestGetsARequestIdThatGoesToTheServiceAndBack() {
        var id = client.get()
                .uri("/api/events/e-1")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("X-Request-Id");

        assertThat(id).matches(UUID_PATTERN);
        assertThat(LAST_RECEIVED.get("events-service").headers().getFirst("X-Request-Id"))
                .isEqualTo(id);
    }

    @Test
    void aWellFormedIncomingRequestIdIsKeptAndAMalformedOneReplaced() {
        client.get()
                .uri("/api/events/e-1")
                .header("X-Request-Id", "client-7f3a.retry:2")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "client-7f3a.retry:2");
        assertThat(LAST_RECEIVED.get("events-service").headers().getFirst("X-Request-Id"))
                .isEqualTo("client-7f3a.retry:2");

        for (var malformed : new String[] {"has spaces", "x".repeat(200), "{\"json\":1}", "-starts-with-dash"}) {
            client.get()
                    .uri("/api/events/e-1")
                    .header("X-Request-Id", malformed)
                    .exchange()
                    .expectHeader()
                    .value("X-Request-Id", id -> assertThat(id).matches(UUID_PATTERN));
            assertThat(LAST_RECEIVED.get("events-service").headers().getFirst("X-Request-Id"))
                    .matches(UUID_PATTERN);
        }
    }

    @Test
    void theGatewaysOwnAnswersCarryTheRequestIdToo() {
        client.get()
                .uri("/internal/anything")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .value("X-Request-Id", id -> assertThat(id).matches(UUID_PATTERN));
    }

    @Test
    void anIncomingTraceIsContinuedToTheServiceUnderTheGatewaysOwnSpan() {
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var callerSpan = "00f067aa0ba902b7";
        client.get()
                .uri("/api/events/e-1")
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .exchange()
                .expectStatus()
                .isOk();

        var forwarded = LAST_RECEIVED.get("events-service").headers().getFirst("traceparent");
        assertThat(forwarded).as("traceparent the service received").isNotNull();
        var parts = forwarded.split("-");
        assertThat(parts[1]).as("same trace").isEqualTo(traceId);
        assertThat(parts[2]).as("the gateway's span, child of the caller's").isNotEqualTo(callerSpan);
    }

    @Test
    void aRequestWithoutTraceContextStartsATraceThatReachesTheService() {
        client.get().uri("/api/events/e-2").exchange().expectStatus().isOk();

        assertThat(LAST_RECEIVED.get("events-service").headers().getFirst("traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void browsersOnAConfiguredOriginMayCallTheApi() {
        client.options()
                .uri("/api/events/e-1/registrations")
                .header(HttpHeaders.ORIGIN, "https://app.convene.test")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,idempotency-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.convene.test")
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");

        client.get()
                .uri("/api/events/e-1")
                .header(HttpHeaders.ORIGIN, "https://app.convene.test")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.convene.test")
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("X-Request-Id"));
    }

    @Test
    void browsersOnAnyOtherOriginAreRefused() {
        client.options()
                .uri("/api/events/e-1/registrations")
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);

        var before = RECEIVED_COUNT.get("registrations-service") == null
                ? 0
                : RECEIVED_COUNT.get("registrations-service").get();
        client.post()
                .uri("/api/events/e-1/registrations")
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://convene.dev/problems/forbidden");
        var after = RECEIVED_COUNT.get("registrations-service") == null
                ? 0
                : RECEIVED_COUNT.get("registrations-service").get();
        assertThat(after).as("the refused request never reached the service").isEqualTo(before);
    }

    @Test
    void theGatewaysOwnAnswersCarryTheSecurityHeaders() {
        client.get()
                .uri("/api/session")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp)
                                .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"))
                .expectHeader()
                .doesNotExist("Strict-Transport-Security");
    }

    @Test
    void proxiedAnswersCarryNosniffAndReferrerPolicyAndLeaveTheirPageRulesToTheService() {
        client.get()
                .uri("/api/events/e-1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader()
                .doesNotExist("Content-Security-Policy");
    }

    @Test
    void hstsOnlyBehindTls() {
        client.get()
                .uri("/api/session")
                .header("X-Forwarded-Proto", "https")
                .exchange()
                .expectHeader()
                .value("Strict-Transport-Security", hsts -> assertThat(hsts).contains("max-age=31536000"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeReachingTheService() {
        var before = count("events-service");
        client.post()
                .uri("/api/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer api-client-token")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("x".repeat(64 * 1024 + 1))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://convene.dev/problems/content-too-large")
                .jsonPath("$.status")
                .isEqualTo(413)
                .jsonPath("$.requestId")
                .exists();
        assertThat(count("events-service")).isEqualTo(before);
    }

    @Test
    void aCompressedBodyIsRefusedWith415BeforeReachingTheServiceWhateverItExpandsTo() {
        var before = count("events-service");
        for (var encoding : new String[] {"gzip", "deflate", "br", "identity, gzip"}) {
            client.post()
                    .uri("/api/events")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer api-client-token")
                    .header(HttpHeaders.CONTENT_ENCODING, encoding)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"title\":\"plain JSON that claims to be compressed\"}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(415)
                    .jsonPath("$.requestId")
                    .exists();
        }
        assertThat(count("events-service")).isEqualTo(before);
    }

    @Test
    void anAddressTheFirewallRefusesIsAProblemDetailNotAnEmpty400() {
        for (var path : new String[] {"/api/events/..%2F..%2Factuator", "/api/events/a%00b", "/api/events/%2e%2e/x"}) {
            client.get()
                    .uri(java.net.URI.create("http://localhost:" + port + path))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/invalid-request")
                    .jsonPath("$.requestId")
                    .exists();
        }
    }

    @Test
    void aChunkedBodyIsCountedTooAndPassesWholeWhenWithinTheLimit() {
        var chunk = "y".repeat(16 * 1024).getBytes(StandardCharsets.UTF_8);
        var factory = DefaultDataBufferFactory.sharedInstance;

        client.post()
                .uri("/api/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer api-client-token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        Flux.range(0, 5).map(i -> factory.wrap(chunk)),
                        org.springframework.core.io.buffer.DataBuffer.class)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);

        client.post()
                .uri("/api/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer api-client-token")
                .contentType(MediaType.APPLICATION_JSON)
                .body(
                        Flux.range(0, 3).map(i -> factory.wrap(chunk)),
                        org.springframework.core.io.buffer.DataBuffer.class)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(LAST_RECEIVED.get("events-service").bodyLength()).isEqualTo(3 * chunk.length);
    }

    @Test
    void aBurstOfRegistrationsFromOneAddressIsLimitedAndOtherAddressesAreNot() {
        var burst = from("127.0.0.2");
        var statuses = new ArrayList<Integer>();
        String retryAfter = null;
        String problemType = null;
        var before = count("registrations-service");
        for (int i = 0; i < 100; i++) {
            var result = burst.post()
                    .uri("/api/events/e-42/registrations")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
                    .exchange()
                    .returnResult(String.class);
            statuses.add(result.getStatus().value());
            if (result.getStatus().value() == 429 && retryAfter == null) {
                retryAfter = result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
                problemType = result.getResponseHeaders().getContentType() + " "
                        + result.getResponseBody().blockFirst();
            }
        }

        assertThat(statuses.subList(0, 10)).as("within the limit").containsOnly(200);
        assertThat(statuses.subList(10, 100)).as("beyond the limit").containsOnly(429);
        assertThat(count("registrations-service") - before)
                .as("requests that reached the service")
                .isEqualTo(10);
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
        assertThat(problemType)
                .startsWith("application/problem+json")
                .contains("\"type\":\"https://convene.dev/problems/too-many-requests\"", "\"status\":429");

        from("127.0.0.4")
                .post()
                .uri("/api/events/e-42/registrations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isOk();
        burst.get().uri("/api/events/e-42").exchange().expectStatus().isOk();
    }

    @Test
    void newsletterSubscriptionsAreLimitedPerAddress() {
        var subscriber = from("127.0.0.6");
        for (int i = 0; i < 5; i++) {
            subscriber
                    .post()
                    .uri("/api/newsletter/subscriptions")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        subscriber
                .post()
                .uri("/api/newsletter/subscriptions")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);
    }

    @Test
    void bookingRequestsAreLimitedPerAddressLikeSignUps() {
        var requester = from("127.0.0.9");
        for (int i = 0; i < 5; i++) {
            requester
                    .post()
                    .uri("/api/organisations/voices-of-care/booking-requests")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        requester
                .post()
                .uri("/api/organisations/voices-of-care/booking-requests")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);
        // The organisers' inbox is not the form: reading it is not counted.
        for (int i = 0; i < 10; i++) {
            requester
                    .get()
                    .uri("/api/organisations/voices-of-care/booking-requests")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void theBookingRequestPageFormIsLimitedPerAddressLikeTheApi() {
        var requester = from("127.0.0.10");
        for (int i = 0; i < 5; i++) {
            requester
                    .post()
                    .uri("/organisations/voices-of-care/book")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        requester
                .post()
                .uri("/organisations/voices-of-care/book")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);
        // Opening the form is not counted.
        for (int i = 0; i < 10; i++) {
            requester
                    .get()
                    .uri("/organisations/voices-of-care/book")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    @Test
    void aForwardedForHeaderIsBelievedOnlyFromATrustedProxy() {
        var client = from("127.0.0.5");
        for (int i = 0; i < 10; i++) {
            client.post()
                    .uri("/api/events/e-43/registrations")
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        client.post()
                .uri("/api/events/e-43/registrations")
                .header("X-Forwarded-For", "198.51.100.99")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        var proxy = from("127.0.0.3");
        for (int i = 0; i < 10; i++) {
            proxy.post()
                    .uri("/api/events/e-43/registrations")
                    .header("X-Forwarded-For", "203.0.113.7")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        proxy.post()
                .uri("/api/events/e-43/registrations")
                .header("X-Forwarded-For", "203.0.113.7")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        proxy.post()
                .uri("/api/events/e-43/registrations")
                .header("X-Forwarded-For", "203.0.113.8")
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** A client connecting from the given loopback address. */
    private WebTestClient from(String localAddress) {
        var http = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static int count(String backend) {
        var counter = RECEIVED_COUNT.get(backend);
        return counter == null ? 0 : counter.get();
    }
}
