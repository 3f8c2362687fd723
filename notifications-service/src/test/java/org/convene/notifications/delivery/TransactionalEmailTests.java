package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.convene.contracts.Topics;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

/** From a registration message on the real broker to one email in a real SMTP server. */
@IntegrationTest
class TransactionalEmailTests {

    @Test
    void aConfirmationArrivesOnceWithACalendarEntryAndTheManageLinkEvenWhenTheMessageComesTwice() throws Exception {
        var eventId = UUID.randomUUID().toString();
        var email = "jordan-" + eventId.substring(0, 8) + "@example.org";
        try (var messages = new Messages()) {
            messages.event(eventId);
            var confirmed = messages.confirmed(eventId, email);
            messages.send(Topics.REGISTRATIONS, eventId, confirmed);
            messages.send(Topics.REGISTRATIONS, eventId, confirmed);

            await().atMost(Duration.ofSeconds(30)).until(() -> to(email).size() == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> to(email).size() == 1);

            var mail = to(email).getFirst();
            assertThat(mail.getSubject()).isEqualTo("You're booked: Peer research workshop");
            assertThat(mail.getMessageID()).isEqualTo("<" + confirmed.messageId() + "." + email + "@convene>");
            var parts = parts(mail);
            assertThat(parts.text()).contains("Hello Jordan", "Wednesday 10 March 2027, 10:00 am", "Community Hall");
            assertThat(parts.text()).contains("/api/registrations/manage/" + confirmed.manageToken());
            assertThat(parts.html()).contains("<h1", "Manage my registration", confirmed.manageToken());
            var calendar = new CalendarBuilder().build(new StringReader(parts.ics()));
            assertThat(calendar.getComponents("VEVENT")).hasSize(1);
            assertThat(parts.ics()).contains("UID:" + eventId + "@convene", "Peer research workshop");
        }
    }

    private static List<MimeMessage> to(String email) throws Exception {
        return Arrays.stream(TestInfrastructure.shared().mail().getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(a -> a.toString().equals(email));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    record Parts(String text, String html, String ics) {}

    static Parts parts(MimeMessage message) throws Exception {
        var found = new String[3];
        collect(message.getContent(), found);
        return new Parts(found[0], found[1], found[2]);
    }

    private static void collect(Object content, String[] found) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType("text/calendar") || "event.ics".equals(part.getFileName())) {
                    found[2] =
                            new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } else if (part.isMimeType("text/plain")) {
                    found[0] = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    found[1] = (String) part.getContent();
                } else {
                    collect(part.getContent(), found);
                }
            }
        }
    }
}
