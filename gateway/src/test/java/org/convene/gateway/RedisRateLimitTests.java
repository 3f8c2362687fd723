package org.convene.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convene.gateway.ratelimit.RateLimits;
import org.convene.gateway.ratelimit.RedisRateLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The rate limits kept in Redis (CONVENE_GATEWAY_RATE_LIMIT_STORE=redis, as in docker compose),
 * against a real redis-server started from the PATH (Debian's redis-server package). Where none is
 * installed the class fails, saying how to install it: a skip here went unnoticed on machines that
 * lacked it ({@code ./convene test} installs it).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.security.oauth2.client.registration.convene.client-secret=test-gateway-secret",
            "convene.gateway.rate-limit.store=redis"
        })
class RedisRateLimitTests {

    private static Process redis;
    private static int redisPort;

    @BeforeAll
    static void startRedis() throws Exception {
        var binary = redisServer();
        try (var socket = new ServerSocket(0)) {
            redisPort = socket.getLocalPort();
        }
        redis = new ProcessBuilder(
                        binary.toString(),
                        "--port",
                        Integer.toString(redisPort),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        org.awaitility.Awaitility.await("redis-server accepting connections")
                .atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(RedisRateLimitTests::redisAnswers);
    }

    /** redis-server from the PATH, or a failure that names the package that provides it. */
    static Path redisServer() {
        var path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Arrays.stream(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/sbin"))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "redis-server is not installed: the shared rate limits are tested against a real one."
                                + " Install it with `sudo apt-get install -y redis-server` (./convene test"
                                + " installs it on Debian)."));
    }

    private static boolean redisAnswers() {
        try (var probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", redisPort), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @DynamicPropertySource
    static void locations(DynamicPropertyRegistry registry) {
        registry.add("CONVENE_GATEWAY_REGISTRATIONS_URI", () -> GatewayTest.uri(GatewayTest.REGISTRATIONS));
        registry.add("CONVENE_GATEWAY_EVENTS_URI", () -> GatewayTest.uri(GatewayTest.EVENTS));
        registry.add("CONVENE_GATEWAY_NOTIFICATIONS_URI", () -> GatewayTest.uri(GatewayTest.NOTIFICATIONS));
        registry.add("CONVENE_OIDC_ISSUER_URI", () -> GatewayTest.uri(GatewayTest.PROVIDER));
        registry.add("CONVENE_GATEWAY_REDIS_PORT", () -> redisPort);
    }

    @Autowired
    RateLimits limits;

    @LocalServerPort
    int port;

    @Test
    void registrationsAreLimitedPerAddressInRedis() {
        assertThat(limits).isInstanceOf(RedisRateLimits.class);
        var statuses = new ArrayList<Integer>();
        String retryAfter = null;
        var client = from("127.0.0.7");
        for (int i = 0; i < 15; i++) {
            var result = client.post()
                    .uri("/api/events/e-7/registrations")
                    .exchange()
                    .returnResult(String.class);
            statuses.add(result.getStatus().value());
            if (result.getStatus().value() == 429) {
                retryAfter = result.getResponseHeaders().getFirst("Retry-After");
            }
        }
        assertThat(statuses.subList(0, 10)).containsOnly(200);
        assertThat(statuses.subList(10, 15)).containsOnly(429);
        assertThat(retryAfter)
                .as("a minute's 10 requests: one comes back every 6 s")
                .isEqualTo("6");

        from("127.0.0.8")
                .post()
                .uri("/api/events/e-7/registrations")
                .exchange()
                .expectStatus()
                .isOk();
    }

    private WebTestClient from(String localAddress) {
        var http = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }
}
