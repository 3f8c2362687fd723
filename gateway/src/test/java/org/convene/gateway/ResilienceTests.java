package org.convene.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A slow service, a service that hangs up, and one that is not there at all. Each costs only its
 * own route; the client gets 503 problem details naming nothing behind the gateway; reads are tried
 * again, writes never; an open circuit answers at once without calling the service.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.client.registration.convene.client-secret=test-gateway-secret",
            "convene.gateway.timeouts.events=1s",
            "convene.gateway.circuit-breaker.sliding-window=4",
            "convene.gateway.circuit-breaker.minimum-calls=4",
            "convene.gateway.circuit-breaker.open-for=1m"
        })
class ResilienceTests {

    /** Events: answers after 5 s on paths containing "slow", at once otherwise. */
    static final HttpServer SLOW = slowBackend();
    /** Registrations: reads each request, counts it, and hangs up without an answer. */
    static final HangingUpBackend HANGING_UP = new HangingUpBackend();

    @DynamicPropertySource
    static void brokenServices(DynamicPropertyRegistry registry) {
        registry.add("CONVENE_GATEWAY_NOTIFICATIONS_URI", () -> GatewayTest.uri(GatewayTest.NOTIFICATIONS));
        registry.add("CONVENE_OIDC_ISSUER_URI", () -> GatewayTest.uri(GatewayTest.PROVIDER));
        registry.add("CONVENE_GATEWAY_EVENTS_URI", () -> GatewayTest.uri(SLOW));
        registry.add("CONVENE_GATEWAY_REGISTRATIONS_URI", () -> "http://127.0.0.1:" + HANGING_UP.port);
    }

    /** What the gateway logs about unavailable routes, with each line's MDC. */
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @Autowired
    ReactiveResilience4JCircuitBreakerFactory circuitBreakers;

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void closedCircuitsAndAListeningService() {
        // After the context started: Boot's logging set-up replaces appenders added before it.
        var logger = (Logger) LoggerFactory.getLogger("org.convene.gateway.resilience");
        if (logger.getAppender(LOG.getName()) == null) {
            LOG.setName("resilience-test");
            LOG.start();
            logger.addAppender(LOG);
        }
        circuitBreakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(breaker -> breaker.reset());
        HANGING_UP.listen();
        HANGING_UP.requests.set(0);
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterAll
    static void stopServices() {
        SLOW.stop(0);
        HANGING_UP.close();
    }

    @Test
    void aSlowServiceAnswers503WithinItsTimeLimitWhileAnotherRouteStaysFast() {
        // A first request pays for connections and warm-up, slow service or not.
        client.get().uri("/api/newsletters/warm-up").exchange().expectStatus().isOk();
        client.get().uri("/api/events/warm-up").exchange().expectStatus().isOk();

        long started = System.nanoTime();
        var slow = CompletableFuture.supplyAsync(() -> client.get()
                .uri("/api/events/slow-1")
                .exchange()
                .expectBody(String.class)
                .returnResult());

        long slowestOther = 0;
        for (int i = 0; i < 10; i++) {
            long before = System.nanoTime();
            client.get()
                    .uri("/api/newsletters/n-" + i)
                    .exchange()
                    .expectStatus()
                    .isOk();
            slowestOther = Math.max(slowestOther, System.nanoTime() - before);
        }
        var answer = slow.join();
        long slowTook = System.nanoTime() - started;

        assertThat(Duration.ofNanos(slowestOther))
                .as("the other route, while the slow one waits")
                .isLessThan(Duration.ofMillis(500));
        assertThat(Duration.ofNanos(slowTook))
                .as("the slow route, limited to 1 s")
                .isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
        expectServiceUnavailable(answer);
    }

    @Test
    void aServiceThatHangsUpIsRetriedForReadsOnlyAndAnswers503() {
        var read = client.get()
                .uri("/api/registrations/manage/some-token")
                .header("X-Request-Id", "resilience-read-1")
                .exchange()
                .expectBody(String.class)
                .returnResult();
        expectServiceUnavailable(read);
        assertThat(HANGING_UP.requests).as("a read: first try and two retries").hasValue(3);
        assertThat(LOG.list)
                .filteredOn(event -> event.getFormattedMessage().contains("Route registrations is unavailable"))
                .as("the gateway's log line, with the request id in its MDC (a field of the JSON log line)")
                .anySatisfy(
                        event -> assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "resilience-read-1"));

        HANGING_UP.requests.set(0);
        var write = client.post()
                .uri("/api/events/e-1/registrations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"attendee\":{\"name\":\"Jordan\"}}")
                .exchange()
                .expectBody(String.class)
                .returnResult();
        expectServiceUnavailable(write);
        assertThat(HANGING_UP.requests)
                .as("a registration is sent once, never again")
                .hasValue(1);
    }

    @Test
    void aServiceThatIsNotThereAnswers503NamingNothingBehindTheGateway() {
        HANGING_UP.close();

        var read = client.get()
                .uri("/api/registrations/manage/t")
                .exchange()
                .expectBody(String.class)
                .returnResult();
        expectServiceUnavailable(read);
        assertThat(read.getResponseBody()).doesNotContain(Integer.toString(HANGING_UP.port));

        var write = client.post()
                .uri("/api/events/e-1/registrations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectBody(String.class)
                .returnResult();
        expectServiceUnavailable(write);
    }

    @Test
    void anOpenCircuitAnswersAtOnceWithoutCallingTheService() {
        for (int i = 0; i < 4; i++) {
            expectServiceUnavailable(client.get()
                    .uri("/api/registrations/manage/t-" + i)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult());
        }
        var calls = HANGING_UP.requests.get();

        long before = System.nanoTime();
        expectServiceUnavailable(client.get()
                .uri("/api/registrations/manage/t-5")
                .exchange()
                .expectBody(String.class)
                .returnResult());
        assertThat(HANGING_UP.requests)
                .as("not called while the circuit is open")
                .hasValue(calls);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(500));

        client.get().uri("/api/events/e-1").exchange().expectStatus().isOk();
    }

    private static void expectServiceUnavailable(EntityExchangeResult<String> result) {
        assertThat(result.getStatus().value()).isEqualTo(503);
        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank();
        assertThat(result.getResponseBody())
                .contains("\"type\":\"https://convene.dev/problems/service-unavailable\"", "\"status\":503")
                .doesNotContainIgnoringCase("127.0.0.1")
                .doesNotContainIgnoringCase("localhost")
                .doesNotContainIgnoringCase("exception")
                .doesNotContainIgnoringCase("refused")
                .doesNotContainIgnoringCase("timeout")
                .doesNotContainIgnoringCase("registrations")
                .doesNotContainIgnoringCase("events-service")
                .doesNotContainIgnoringCase("http://");
    }

    private static HttpServer slowBackend() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange) {
                    if (exchange.getRequestURI().getPath().contains("slow")) {
                        Thread.sleep(5_000);
                    }
                    var body = ("events-service " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    // The gateway gave up waiting and closed the connection.
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts connections, reads each request's head, counts it and closes the connection. */
    static final class HangingUpBackend {

        final AtomicInteger requests = new AtomicInteger();
        final int port;
        private volatile ServerSocket socket;

        HangingUpBackend() {
            listen(0);
            this.port = socket.getLocalPort();
        }

        synchronized void listen() {
            if (socket == null || socket.isClosed()) {
                listen(port);
            }
        }

        private void listen(int onPort) {
            try {
                var server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress("127.0.0.1", onPort));
                socket = server;
                Thread.ofVirtual().start(() -> accept(server));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void accept(ServerSocket server) {
            while (!server.isClosed()) {
                try {
                    var connection = server.accept();
                    Thread.ofVirtual().start(() -> hangUp(connection));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void hangUp(Socket connection) {
            try (connection;
                    InputStream in = connection.getInputStream()) {
                int matched = 0;
                int next;
                byte[] end = {'\r', '\n', '\r', '\n'};
                while ((next = in.read()) >= 0) {
                    matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
                    if (matched == 4) {
                        requests.incrementAndGet();
                        return;
                    }
                }
            } catch (IOException e) {
                // closed either way
            }
        }

        synchronized void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
