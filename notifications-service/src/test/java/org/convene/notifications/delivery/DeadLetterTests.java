package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.notifications.Inbox;
import org.convene.notifications.Messages;
import org.convene.testing.IntegrationTest;
import org.convene.testing.ManagementPort;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Poison messages are set aside after bounded retries, counted, and never block the emails behind them. */
@IntegrationTest
class DeadLetterTests {

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

    @Test
    void messagesThatCannotBeReadOrProcessedGoToTheDeadLetterTopicAndTheNextEmailStillGoesOut() throws Exception {
        var eventId = UUID.randomUUID().toString();
        var email = "after-poison-" + eventId.substring(0, 8) + "@example.org";
        try (var deadLetters = TopicRecorder.record(Topics.deadLetterOf(Topics.REGISTRATIONS));
                var messages = new Messages()) {
            messages.event(eventId);
            messages.send(Topics.REGISTRATIONS, eventId, "{not json at all");
            // Readable, but with no type: nothing can be done with it, however often it is tried.
            messages.send(
                    Topics.REGISTRATIONS,
                    eventId,
                    java.util.Map.of("messageId", UUID.randomUUID().toString(), "eventId", eventId));
            messages.send(Topics.REGISTRATIONS, eventId, messages.confirmed(eventId, email));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Inbox.shared().to(email).size() == 1);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(
                            () -> assertThat(deadLetters.withKey(eventId)).hasSize(2));
            var scrape = ManagementPort.client(managementPort)
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(scrape).containsPattern("convene_messages_dead_lettered_total\\{[^}]*} [1-9]");
            // What waits to be sent is visible to operators too.
            assertThat(scrape).contains("convene_emails_pending{", "convene_newsletter_emails_pending{");
        }
    }
}
