package org.convene.notifications;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.convene.testing.TestInfrastructure;

/** What arrived at the real SMTP server, by recipient, and what each email is made of. */
public final class Inbox {

    private final GreenMail server;

    private Inbox(GreenMail server) {
        this.server = server;
    }

    public static Inbox shared() {
        return new Inbox(TestInfrastructure.shared().mail());
    }

    public List<MimeMessage> to(String email) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> recipient(message).equalsIgnoreCase(email))
                .toList();
    }

    public List<MimeMessage> to(String email, String subjectStart) {
        return to(email).stream()
                .filter(message -> subject(message).startsWith(subjectStart))
                .toList();
    }

    /** How many emails each address received. */
    public Map<String, Long> countsByRecipient() {
        return Arrays.stream(server.getReceivedMessages())
                .collect(Collectors.groupingBy(Inbox::recipient, Collectors.counting()));
    }

    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Parts(String text, String html, String ics) {}

    public static Parts parts(MimeMessage message) {
        try {
            var found = new String[3];
            collect(message.getContent(), found);
            return new Parts(found[0], found[1], found[2]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Object content, String[] found) throws Exception {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = multipart.getBodyPart(i);
                if (part.isMimeType("text/calendar") || "event.ics".equals(part.getFileName())) {
                    found[2] = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
