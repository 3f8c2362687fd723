package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

/** A new time reaches everyone registered or waiting, once each; people who cancelled hear nothing. */
@IntegrationTest
class EventNewsTests {

    @Test
    void aRescheduledEventEmailsEveryoneConcernedOnceWithTheNewTime() throws Exception {
        var eventId = UUID.randomUUID().toString();
        var tag = eventId.substring(0, 8);
        try (var messages = new Messages()) {
            var published = messages.event(eventId);
            var going = messages.confirmed(eventId, "going-" + tag + "@example.org");
            var waiting = withType(
                    messages.confirmed(eventId, "waiting-" + tag + "@example.org"),
                    RegistrationMessageType.RegistrationWaitlisted,
                    RegistrationMessage.Status.WAITLISTED,
                    1);
            var left = messages.confirmed(eventId, "left-" + tag + "@example.org");
            var leftCancelled = withType(
                    left, RegistrationMessageType.RegistrationCancelled, RegistrationMessage.Status.CANCELLED, 2);
            for (var message : List.of(going, waiting, left, leftCancelled)) {
                messages.send(Topics.REGISTRATIONS, eventId, message);
            }
            // The registration messages are processed before the new time arrives.
            await().atMost(Duration.ofSeconds(30)).until(() -> to("left-" + tag).size() == 2);

            var newStart = Instant.parse("2027-03-17T10:00:00Z");
            var rescheduled = new EventMessage(
                    UUID.randomUUID(),
                    EventMessageType.EventRescheduled,
                    Instant.now(),
                    eventId,
                    3,
                    published.organisationId(),
                    EventMessage.Status.PUBLISHED,
                    published.title(),
                    newStart,
                    newStart.plus(Duration.ofHours(4)),
                    published.timeZone(),
                    published.capacity(),
                    published.maxCompanions(),
                    published.registrationOpensAt(),
                    newStart,
                    published.venue(),
                    false,
                    null,
                    published.interpreterLanguages(),
                    null);
            messages.send(Topics.EVENTS, eventId, rescheduled);
            messages.send(Topics.EVENTS, eventId, rescheduled);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> newTime("going-" + tag).size() == 1
                            && newTime("waiting-" + tag).size() == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> newTime("going-" + tag).size() == 1
                            && newTime("waiting-" + tag).size() == 1
                            && newTime("left-" + tag).isEmpty());
            var parts = TransactionalEmailTests.parts(newTime("going-" + tag).getFirst());
            assertThat(parts.text()).contains("has a new time", "Wednesday 17 March 2027, 10:00 am");
            assertThat(parts.ics()).contains("UID:" + eventId + "@convene", "SEQUENCE:3");
        }
    }

    private static RegistrationMessage withType(
            RegistrationMessage base, RegistrationMessageType type, RegistrationMessage.Status status, long version) {
        return new RegistrationMessage(
                UUID.randomUUID(),
                type,
                Instant.now(),
                base.eventId(),
                base.registrationId(),
                version,
                status,
                base.attendeeName(),
                base.attendeeEmail(),
                base.seats(),
                base.companions(),
                type == RegistrationMessageType.RegistrationWaitlisted ? 1 : null,
                null,
                base.supportRequested());
    }

    private static List<MimeMessage> newTime(String prefix) throws Exception {
        return to(prefix).stream()
                .filter(message -> {
                    try {
                        return message.getSubject().startsWith("New time");
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    private static List<MimeMessage> to(String prefix) {
        return Arrays.stream(TestInfrastructure.shared().mail().getReceivedMessages())
                .filter(message -> {
                    try {
                        return message.getAllRecipients()[0].toString().startsWith(prefix);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }
}
