package org.convene.notifications.newsletter.sending;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;
import org.convene.notifications.mail.EmailTemplates;
import org.convene.notifications.mail.MailComposer;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.newsletter.domain.NewsletterStatus;
import org.convene.notifications.organisation.domain.Organisation;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NewsletterEmailsTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NewsletterEmails emails =
            new NewsletterEmails(new EmailTemplates(), newComposer(), "https://convene.example");

    private final Newsletter newsletter = new Newsletter(
            "n-1",
            "voices",
            "Spring workshops",
            "**New** dates & a <b>bold</b> plan",
            "<p><strong>New</strong> dates &amp; a plan for care-experienced young people</p>",
            Set.of("workshops", "carers"),
            NewsletterStatus.SENDING,
            Instant.parse("2026-12-01T10:00:00Z"),
            "organiser@voices",
            Instant.parse("2026-11-30T10:00:00Z"),
            Instant.parse("2026-12-01T10:00:00Z"),
            null,
            true,
            3);

    private final Organisation organisation = new Organisation(
            new OrganisationId("voices"), "Voices of Care", "hello@voices.example", null, "#aa3311", true);

    @ParameterizedTest
    @ValueSource(strings = {"en-GB", "cy", "ar", "fr"})
    void eachCopyIsExactlyWhatRenderingItAloneGives(String language) throws Exception {
        var copies = emails.copies(newsletter, organisation);
        for (int i = 0; i < 3; i++) {
            var token = newToken();
            var shared = copies.forSubscriber("s-" + i, "person" + i + "@example.org", token, language);
            var alone = emails.forSubscriber(
                    newsletter, organisation, "s-" + i, "person" + i + "@example.org", token, language);

            assertThat(content(shared)).isEqualTo(content(alone)).contains(token);
            assertThat(shared.getHeader("List-Unsubscribe", null))
                    .isEqualTo("<https://convene.example/newsletter/unsubscribe/" + token + ">");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a&b<c>\"d'", "with space", "ümlaut"})
    void aTokenTheTemplatesWouldEscapeIsRenderedOnItsOwn(String token) throws Exception {
        var copies = emails.copies(newsletter, organisation);

        var shared = copies.forSubscriber("s-1", "person@example.org", token, "en-GB");
        var alone = emails.forSubscriber(newsletter, organisation, "s-1", "person@example.org", token, "en-GB");

        assertThat(content(shared)).isEqualTo(content(alone));
    }

    /** The message as sent, without the parts that differ between two compositions of the same copy. */
    private static String content(MimeMessage message) throws Exception {
        message.saveChanges();
        var bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        var text = bytes.toString(StandardCharsets.UTF_8);
        var boundaries = Pattern.compile("boundary=\"([^\"]+)\"").matcher(text);
        var i = 0;
        while (boundaries.find()) {
            text = text.replace(boundaries.group(1), "boundary-" + i++);
        }
        return text.replaceAll("(?m)^Date: .*$", "Date: -");
    }

    private static String newToken() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static MailComposer newComposer() {
        try {
            return new MailComposer("Convene <no-reply@convene.local>");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
