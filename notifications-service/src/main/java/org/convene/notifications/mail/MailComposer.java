package org.convene.notifications.mail;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Builds every outgoing message the same way: sent from our address under the organisation's
 * name ("Voices of Care via Convene") so the mail passes SPF and DMARC, replies going to the
 * organisation, a Message-ID we choose once per delivery, and no control character from an event
 * title, organisation name or person's name ever reaching a header.
 */
@Component
public class MailComposer {

    /** Who the email is written on behalf of; null fields fall back to Convene's own. */
    public record Sender(
            @Nullable String organisationName, @Nullable String replyTo) {
        public static final Sender CONVENE = new Sender(null, null);
    }

    public record Attachment(String fileName, byte[] content, String contentType) {}

    private static final Session SESSION = Session.getInstance(new Properties());

    /**
     * One map of file types for every message, made once. Spring's helper otherwise builds a new
     * one per message from the class path (its map is shared only for messages made by
     * JavaMailSenderImpl), which the newsletter benchmark found to dominate the CPU of sending.
     */
    private static final FileTypeMap FILE_TYPES = fileTypes();

    static {
        chooseStreamProviderOnce();
    }

    private final InternetAddress from;

    public MailComposer(@Value("${convene.mail.from:Convene <no-reply@convene.local>}") String from)
            throws AddressException {
        this.from = new InternetAddress(from, true);
    }

    /**
     * Jakarta Mail asks for its stream provider for every MIME part made or written, and finds it
     * with a ServiceLoader walk of the class path each time unless a system property names it (the
     * largest share of notifications-service's CPU at 50 emails/s, JFR). Named here, when the system
     * class loader (where the API's finder looks it up by name) can load it; otherwise, as in a
     * nested-jar launch, the walk stays, slow but right.
     */
    static void chooseStreamProviderOnce() {
        var property = "jakarta.mail.util.StreamProvider";
        var provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) != null) {
            return;
        }
        try {
            Class.forName(provider, false, ClassLoader.getSystemClassLoader());
            System.setProperty(property, provider);
        } catch (ClassNotFoundException | LinkageError notThere) {
            // The ServiceLoader finds it.
        }
    }

    public MimeMessage compose(
            String messageId,
            String to,
            Sender sender,
            String subject,
            EmailTemplates.Rendered body,
            Map<String, String> headers,
            List<Attachment> attachments)
            throws MessagingException {
        var message = new StableIdMessage(SESSION, messageId);
        var helper = new SharedFileTypesHelper(message);
        helper.setFrom(fromFor(sender));
        var replyTo = replyTo(sender);
        if (replyTo != null) {
            helper.setReplyTo(replyTo);
        }
        helper.setTo(new InternetAddress(to, true));
        helper.setSubject(oneLine(subject));
        // What helper.setText(text, html) makes (multipart/alternative inside the related part), with the
        // two texts encoded once, here (EncodedText).
        var alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(EncodedText.part(body.text(), "plain"));
        alternative.addBodyPart(EncodedText.part(body.html(), "html"));
        var main = new MimeBodyPart();
        main.setContent(alternative, "multipart/alternative");
        helper.getMimeMultipart().addBodyPart(main);
        // After the text: the images its HTML shows by Content-ID belong with it (multipart/related).
        for (var image : body.inline()) {
            helper.addInline(image.contentId(), new ByteArrayResource(image.content()), image.contentType());
        }
        for (var header : headers.entrySet()) {
            message.setHeader(header.getKey(), oneLine(header.getValue()));
        }
        for (var attachment : attachments) {
            helper.addAttachment(
                    attachment.fileName(), new ByteArrayResource(attachment.content()), attachment.contentType());
        }
        return message;
    }

    /** The name people see: the organisation's, via Convene. */
    public String displayName(Sender sender) {
        return sender.organisationName() == null
                ? (from.getPersonal() == null ? "Convene" : from.getPersonal())
                : oneLine(sender.organisationName());
    }

    private InternetAddress fromFor(Sender sender) {
        var name = sender.organisationName() == null ? displayName(sender) : displayName(sender) + " via Convene";
        try {
            return new InternetAddress(from.getAddress(), name, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable InternetAddress replyTo(Sender sender) {
        if (sender.replyTo() == null || sender.replyTo().isBlank()) {
            return null;
        }
        try {
            return new InternetAddress(oneLine(sender.replyTo()), true);
        } catch (AddressException notAnAddress) {
            return null;
        }
    }

    /** Line breaks and other control characters would let a value start a header of its own. */
    static String oneLine(@Nullable String value) {
        return value == null ? "" : value.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static FileTypeMap fileTypes() {
        var fileTypes = new ConfigurableMimeFileTypeMap();
        fileTypes.afterPropertiesSet();
        return fileTypes;
    }

    private static final class SharedFileTypesHelper extends MimeMessageHelper {

        SharedFileTypesHelper(MimeMessage message) throws MessagingException {
            super(message, true, StandardCharsets.UTF_8.name());
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
            return FILE_TYPES;
        }
    }

    /** Keeps the Message-ID we chose instead of a fresh one per send attempt. */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
