package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.notifications.Messages;
import org.convene.testing.IntegrationTest;
import org.convene.testing.ManagementPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The SMTP server of this context really goes away while 100 confirmations are due, and comes
 * back on the same port: every email then arrives, once.
 */
@IntegrationTest
class SmtpOutageTests {

    private static final int PORT = freePort();
    private static GreenMail smtp;

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void ownSmtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> PORT);
    }

    @AfterAll
    static void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void confirmationsQueuedWhileTheMailServerIsDownAllArriveOnceWhenItIsBack() throws Exception {
        var eventId = UUID.randomUUID().toString();
        // This context reads the shared topics from the start, so other tests' emails reach this
        // server too: only this test's recipients are counted.
        var tag = "-" + eventId.substring(0, 8) + "@example.org";
        try (var messages = new Messages()) {
            messages.event(eventId);
            for (int i = 0; i < 100; i++) {
                messages.send(Topics.REGISTRATIONS, eventId, messages.confirmed(eventId, "person" + i + tag));
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(scrape())
                            .containsPattern("convene_emails_total\\{[^}]*outcome=\"retried\"[^}]*} [1-9]"));

            smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();

            await().atMost(Duration.ofSeconds(90)).until(() -> ours(tag).size() >= 100);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> ours(tag).size() == 100);
            assertThat(ours(tag).stream().distinct().count()).isEqualTo(100);
        }
    }

    /** The recipient of every arrival addressed to this test's people, one entry per arrival. */
    private static java.util.List<String> ours(String tag) {
        return Arrays.stream(smtp.getReceivedMessages())
                .map(message -> {
                    try {
                        return message.getAllRecipients()[0].toString();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(recipient -> recipient.endsWith(tag))
                .toList();
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

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
