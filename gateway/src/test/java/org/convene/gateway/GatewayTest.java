package org.convene.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one gateway context its tests share: small HTTP servers stand in for the three services and
 * for the identity provider's discovery document, which the gateway reads at start-up. Signing in
 * through the real provider is covered by the local stack's smoke test.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.client.registration.convene.client-secret=test-gateway-secret",
            "convene.gateway.cors-origins=https://app.convene.test",
            "convene.gateway.trusted-proxies=127.0.0.3",
            "convene.gateway.max-body-size=64KB",
            // The edge tests follow traces; production samples a share (application.yml).
            "management.tracing.sampling.probability=1.0"
        })
@AutoConfigureWebTestClient
abstract class GatewayTest {

    static final HttpServer EVENTS = backend("events-service");
    static final HttpServer REGISTRATIONS = backend("registrations-service");
    static final HttpServer NOTIFICATIONS = backend("notifications-service");
    static final HttpServer WEB = backend("web");
    static final HttpServer PROVIDER = discovery();

    @DynamicPropertySource
    static void serviceLocations(DynamicPropertyRegistry registry) {
        registry.add("CONVENE_GATEWAY_EVENTS_URI", () -> uri(EVENTS));
        registry.add("CONVENE_GATEWAY_REGISTRATIONS_URI", () -> uri(REGISTRATIONS));
        registry.add("CONVENE_GATEWAY_NOTIFICATIONS_URI", () -> uri(NOTIFICATIONS));
        registry.add("CONVENE_GATEWAY_WEB_URI", () -> uri(WEB));
        registry.add("CONVENE_OIDC_ISSUER_URI", () -> uri(PROVIDER));
    }

    /** An OpenID provider's discovery document, and nothing else: enough for the gateway to start sign-ins. */
    private static HttpServer discovery() {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var issuer = "http://127.0.0.1:" + server.getAddress().getPort();
            var document = """
                    {"issuer":"%1$s","authorization_endpoint":"%1$s/oauth2/authorize","token_endpoint":"%1$s/oauth2/token",
                     "jwks_uri":"%1$s/oauth2/jwks","userinfo_endpoint":"%1$s/userinfo","end_session_endpoint":"%1$s/connect/logout",
                     "response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"],"scopes_supported":["openid","profile","email"]}""".formatted(issuer).getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/openid-configuration", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, document.length);
                    exchange.getResponseBody().write(document);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a stand-in service last received: headers and body length. */
    record Received(com.sun.net.httpserver.Headers headers, int bodyLength) {}

    static final java.util.Map<String, Received> LAST_RECEIVED = new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> RECEIVED_COUNT =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Answers every request with its own name and the path it received, so a test sees where a route
     * led, followed by the Authorization and Cookie headers when the request carried them. Its
     * {@code /v3/api-docs} is the recorded springdoc document of the service it stands in for.
     */
    static HttpServer backend(String name) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange) {
                    // One request per connection: the JDK's test server once left a request on a reused
                    // connection unanswered (RedisRateLimitTests waited out the route's 10 s limit), which
                    // says nothing about the gateway.
                    exchange.getResponseHeaders().set("Connection", "close");
                    var bodyLength = exchange.getRequestBody().readAllBytes().length;
                    LAST_RECEIVED.put(name, new Received(exchange.getRequestHeaders(), bodyLength));
                    RECEIVED_COUNT
                            .computeIfAbsent(name, ignored -> new java.util.concurrent.atomic.AtomicInteger())
                            .incrementAndGet();
                    if (exchange.getRequestURI().getPath().equals("/v3/api-docs")) {
                        try (var document = GatewayTest.class.getResourceAsStream("/openapi/" + name + ".json")) {
                            var json = document.readAllBytes();
                            exchange.getResponseHeaders().set("Content-Type", "application/json");
                            exchange.sendResponseHeaders(200, json.length);
                            exchange.getResponseBody().write(json);
                            return;
                        }
                    }
                    var answer = new StringBuilder(name + " " + exchange.getRequestURI());
                    var authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    if (authorization != null) {
                        answer.append(" authorization=").append(authorization);
                    }
                    var pageCsrf = exchange.getRequestHeaders().getFirst("X-Convene-Csrf");
                    if (pageCsrf != null) {
                        answer.append(" csrf=").append(pageCsrf);
                    }
                    var cookie = exchange.getRequestHeaders().getFirst("Cookie");
                    if (cookie != null) {
                        answer.append(" cookie=").append(cookie);
                    }
                    var body = answer.toString().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String uri(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
