package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailComposerTests {

    @Test
    void namesJakartaMailsStreamProviderOnceSoNoMimePartWalksTheClassPath() throws Exception {
        var composer = new MailComposer("Convene <no-reply@convene.local>");
        assertThat(System.getProperty("jakarta.mail.util.StreamProvider"))
                .isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");

        var message = composer.compose(
                "<m1.attendee@convene>",
                "ann@example.org",
                new MailComposer.Sender("Voices of Care", "hello@voices.example"),
                "You're booked:\r\nBcc: someone@example.org",
                new EmailTemplates.Rendered("You are booked", "Hello Ann", "<p>Hello Ann</p>"),
                Map.of(),
                List.of(new MailComposer.Attachment(
                        "event.ics", "BEGIN:VCALENDAR".getBytes(StandardCharsets.UTF_8), "text/calendar")));
        message.saveChanges();
        var written = new ByteArrayOutputStream();
        message.writeTo(written);

        var text = written.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("Message-ID: <m1.attendee@convene>").contains("event.ics");
        assertThat(message.getHeader("Bcc")).isNull();
    }
}
