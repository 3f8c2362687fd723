package org.convene.notifications.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.notifications.Inbox;
import org.convene.notifications.Messages;
import org.convene.notifications.SecondInstance;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Two instances share one database and one consumer group, both scanning for reminders twice a
 * second: each person holding a place is reminded once.
 */
@IntegrationTest
class RemindersOnTwoInstancesTests {

    @Autowired
    Environment environment;

    private final Inbox inbox = Inbox.shared();

    @Test
    void everyoneHoldingAPlaceIsRemindedOnceAndWhoJustGotTheirPlaceIsNot() throws Exception {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var early = "early-" + tag + "@example.org";
        var late = "late-" + tag + "@example.org";
        var eventId = UUID.randomUUID().toString();
        try (var second = SecondInstance.start(
                        environment.getRequiredProperty("spring.mongodb.uri"),
                        environment.getRequiredProperty("spring.kafka.consumer.group-id"),
                        "--convene.notifications.reminder-scan-every=500ms");
                var messages = new Messages()) {
            var startsAt = Instant.now().plus(Duration.ofHours(3));
            messages.event(eventId, "org-mail", startsAt);
            var booked = messages.confirmed(eventId, early);
            messages.send(
                    Topics.REGISTRATIONS,
                    eventId,
                    Messages.next(
                            booked,
                            RegistrationMessageType.RegistrationConfirmed,
                            RegistrationMessage.Status.CONFIRMED,
                            1,
                            Instant.now().minus(Duration.ofDays(3))));
            messages.send(Topics.REGISTRATIONS, eventId, messages.confirmed(eventId, late));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> inbox.to(early, "Coming up").size() == 1);
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> inbox.to(early, "Coming up").size() == 1);
            assertThat(inbox.to(late, "You're booked")).hasSize(1);
            assertThat(inbox.to(late, "Coming up")).isEmpty();
            assertThat(Inbox.parts(inbox.to(early, "Coming up").getFirst()).ics())
                    .contains("BEGIN:VEVENT");
            assertThat(second.isActive()).isTrue();
        }
    }
}
