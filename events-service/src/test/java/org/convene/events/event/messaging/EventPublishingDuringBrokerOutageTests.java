package org.convene.events.event.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.convene.contracts.Topics;
import org.convene.embedded.KafkaBroker;
import org.convene.testing.IntegrationTest;
import org.convene.testing.ManagementPort;
import org.convene.testing.TestTokens;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker really stops: this context has a Kafka broker of its own on fixed ports, which the
 * test shuts down and starts again on the same log. Organisers keep working meanwhile, and what
 * they did is announced once the broker is back.
 */
@IntegrationTest
class EventPublishingDuringBrokerOutageTests {

    private static final Path LOG_DIR = tempDir();
    // Chosen together, each socket held open until both are known: one by one, the system can hand out the same
    // port twice, and the broker then refuses to start with its two listeners on one port.
    private static final int[] PORTS = freePorts(2);
    private static final int PORT = PORTS[0];
    private static final int CONTROLLER_PORT = PORTS[1];
    private static KafkaBroker broker = startBroker();

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void publishingSucceedsWhileTheBrokerIsDownAndIsAnnouncedOnceItReturns() throws Exception {
        var organiser = client.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestTokens.shared().organiserOf("org-outage")))
                .build();

        broker.close();
        broker = null;

        var created = organiser
                .post()
                .uri("/api/events")
                .bodyValue(workshop())
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        var id = (String) created.get("id");
        organiser
                .post()
                .uri("/api/events/" + id + "/publish")
                .exchange()
                .expectStatus()
                .isOk();

        // The relay keeps trying while the broker is away; the message waits in the outbox.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() ->
                        assertThat(scrape()).containsPattern("convene_outbox_publish_failures_total\\{[^}]*} [1-9]"));
        // The gauge is what the relay's sweep last found waiting.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(scrape()).containsPattern("convene_outbox_pending\\{[^}]*} 1\\.0"));

        broker = startBroker();
        try (var recorder = TopicRecorder.record(broker.bootstrapServers(), Topics.EVENTS)) {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(recorder.withKey(id)).isNotEmpty());
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(recorder.withKey(id)).hasSize(1));
            var message = JsonMapper.builder()
                    .build()
                    .readTree(recorder.withKey(id).getFirst().value());
            assertThat(message.get("type").asString()).isEqualTo("EventPublished");
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scrape()).containsPattern("convene_outbox_pending\\{[^}]*} 0\\.0"));
    }

    private String scrape() {
        return ManagementPort.client(managementPort)
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> workshop() {
        var start = LocalDateTime.now(ZoneId.of("Europe/London"))
                .plusDays(5)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        return Map.of(
                "title",
                "Workshop during an outage",
                "format",
                "WORKSHOP",
                "audience",
                "CARERS",
                "startsAt",
                start.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                "endsAt",
                start.plusHours(2).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                "timeZone",
                "Europe/London",
                "capacity",
                12,
                "venue",
                Map.of("name", "Library", "address", "1 Park Row", "accessibility", List.of("PARKING")));
    }

    private static KafkaBroker startBroker() {
        try {
            return KafkaBroker.start(LOG_DIR, PORT, CONTROLLER_PORT);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test's own Kafka broker", e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("convene-outage-kafka");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] freePorts(int count) {
        var sockets = new java.util.ArrayList<ServerSocket>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (var socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }
}
