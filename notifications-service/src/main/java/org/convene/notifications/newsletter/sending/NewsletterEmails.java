package org.convene.notifications.newsletter.sending;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.convene.notifications.mail.EmailTemplates;
import org.convene.notifications.mail.MailComposer;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.organisation.domain.Organisation;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A newsletter as its subscribers get it: the organisation's name and colour, the sanitised body,
 * and on every copy the links to change topics and to leave — with the RFC 8058 headers that let
 * mail apps offer one-click unsubscribe.
 */
@Component
public class NewsletterEmails {

    private static final String DEFAULT_COLOUR = "#1d4f91";

    private final EmailTemplates templates;
    private final MailComposer composer;
    private final String publicBaseUrl;

    public NewsletterEmails(
            EmailTemplates templates,
            MailComposer composer,
            @Value("${convene.public-base-url}") String publicBaseUrl) {
        this.templates = templates;
        this.composer = composer;
        this.publicBaseUrl = publicBaseUrl;
    }

    /**
     * The copy for one subscriber, whose private token makes their own links; what we write around the
     * organisation's words is in the subscriber's {@code language} (a BCP 47 tag; the words stay as written).
     */
    public MimeMessage forSubscriber(
            Newsletter newsletter,
            @Nullable Organisation organisation,
            String subscriberId,
            String email,
            String token,
            String language)
            throws MessagingException {
        var rendered = render(
                newsletter,
                organisation,
                unsubscribeLink(token),
                preferencesLink(token),
                EmailTemplates.Reading.of(language, false));
        return compose(newsletter, organisation, subscriberId, email, token, rendered);
    }

    private MimeMessage compose(
            Newsletter newsletter,
            @Nullable Organisation organisation,
            String subscriberId,
            String email,
            String token,
            EmailTemplates.Rendered rendered)
            throws MessagingException {
        var headers = new LinkedHashMap<String, String>();
        headers.put("List-Unsubscribe", "<" + unsubscribeLink(token) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", "<" + newsletter.organisationId() + ".newsletter.convene>");
        return composer.compose(
                "<" + newsletter.id() + "." + subscriberId + "@convene>",
                email,
                sender(organisation),
                newsletter.subject(),
                rendered,
                headers,
                List.of());
    }

    private String unsubscribeLink(String token) {
        return publicBaseUrl + "/newsletter/unsubscribe/" + token;
    }

    private String preferencesLink(String token) {
        return publicBaseUrl + "/newsletter/preferences/" + token;
    }

    /**
     * The copies of one newsletter as one round sends them. Only the subscriber's token differs between
     * two copies in the same language, so each language is rendered once, with a stand-in where the token
     * goes, and each copy replaces the stand-in (rendering was the largest share of the sender's own CPU
     * after MIME; docs/benchmarks.md). A token with characters the templates would escape or encode is
     * rendered on its own, as before, so a copy is always exactly what rendering it alone gives.
     */
    public Copies copies(Newsletter newsletter, @Nullable Organisation organisation) {
        return new Copies(newsletter, organisation);
    }

    public final class Copies {

        private final Newsletter newsletter;
        private final @Nullable Organisation organisation;
        private final Map<EmailTemplates.Reading, EmailTemplates.Rendered> rendered = new ConcurrentHashMap<>();

        private Copies(Newsletter newsletter, @Nullable Organisation organisation) {
            this.newsletter = newsletter;
            this.organisation = organisation;
        }

        public MimeMessage forSubscriber(String subscriberId, String email, String token, String language)
                throws MessagingException {
            if (token == null || !PLAIN_TOKEN.matcher(token).matches()) {
                return NewsletterEmails.this.forSubscriber(
                        newsletter, organisation, subscriberId, email, token, language);
            }
            var reading = EmailTemplates.Reading.of(language, false);
            var template = rendered.computeIfAbsent(reading, this::withStandIn);
            var own = new EmailTemplates.Rendered(
                    template.subject(),
                    template.text().replace(STAND_IN, token),
                    template.html().replace(STAND_IN, token),
                    template.inline());
            return compose(newsletter, organisation, subscriberId, email, token, own);
        }

        private EmailTemplates.Rendered withStandIn(EmailTemplates.Reading reading) {
            return render(newsletter, organisation, unsubscribeLink(STAND_IN), preferencesLink(STAND_IN), reading);
        }
    }

    /** Characters no template escapes or encodes: the tokens Convene makes are of these. */
    private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    /** Letters and digits only, random per process, so no organiser's text contains it by chance. */
    private static final String STAND_IN =
            "subscribertoken" + UUID.randomUUID().toString().replace("-", "");

    /** What the organiser sees before sending: the links lead nowhere yet. */
    public EmailTemplates.Rendered preview(Newsletter newsletter, @Nullable Organisation organisation) {
        return render(newsletter, organisation, "#unsubscribe", "#preferences", EmailTemplates.Reading.ENGLISH);
    }

    public MailComposer.Sender sender(@Nullable Organisation organisation) {
        return organisation == null
                ? MailComposer.Sender.CONVENE
                : new MailComposer.Sender(organisation.name(), organisation.replyAddress());
    }

    private EmailTemplates.Rendered render(
            Newsletter newsletter,
            @Nullable Organisation organisation,
            String unsubscribe,
            String preferences,
            EmailTemplates.Reading reading) {
        var model = new HashMap<String, Object>();
        model.put("subject", newsletter.subject());
        model.put("body", newsletter.html() == null ? "" : newsletter.html());
        model.put("markdown", newsletter.markdown());
        model.put("organisation", composer.displayName(sender(organisation)));
        model.put("colour", colour(organisation));
        model.put(
                "topics",
                String.join(
                        templates.message("email.list.separator", reading.locale()),
                        newsletter.topics().stream()
                                .map(topic -> templates.messageOr(
                                        "email.topic." + topic, topic.replace('-', ' '), reading.locale()))
                                .toList()));
        model.put("unsubscribeLink", unsubscribe);
        model.put("preferencesLink", preferences);
        return templates.render("newsletter", newsletter.subject(), model, reading);
    }

    /** Only a plain #rrggbb reaches the style attribute. */
    private static String colour(@Nullable Organisation organisation) {
        var colour = organisation == null ? null : organisation.brandColour();
        return colour != null && colour.matches("#[0-9a-fA-F]{6}") ? colour : DEFAULT_COLOUR;
    }
}
