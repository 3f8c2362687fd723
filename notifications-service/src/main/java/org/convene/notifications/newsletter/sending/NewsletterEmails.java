package org.convene.notifications.newsletter.sending;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.convene.notifications.mail.EmailTemplates;
import org.convene.notifications.mail.MailComposer;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.organisation.persistence.OrganisationView;
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
            OrganisationView organisation,
            String subscriberId,
            String email,
            String token,
            String language)
            throws MessagingException {
        var unsubscribe = publicBaseUrl + "/newsletter/unsubscribe/" + token;
        var headers = new LinkedHashMap<String, String>();
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", "<" + newsletter.organisationId() + ".newsletter.convene>");
        return composer.compose(
                "<" + newsletter.id() + "." + subscriberId + "@convene>",
                email,
                sender(organisation),
                newsletter.subject(),
                render(
                        newsletter,
                        organisation,
                        unsubscribe,
                        publicBaseUrl + "/newsletter/preferences/" + token,
                        EmailTemplates.Reading.of(language, false)),
                headers,
                List.of());
    }

    /** What the organiser sees before sending: the links lead nowhere yet. */
    public EmailTemplates.Rendered preview(Newsletter newsletter, OrganisationView organisation) {
        return render(newsletter, organisation, "#unsubscribe", "#preferences", EmailTemplates.Reading.ENGLISH);
    }

    public MailComposer.Sender sender(OrganisationView organisation) {
        return organisation == null
                ? MailComposer.Sender.CONVENE
                : new MailComposer.Sender(organisation.name(), organisation.replyAddress());
    }

    private EmailTemplates.Rendered render(
            Newsletter newsletter,
            OrganisationView organisation,
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
    private static String colour(OrganisationView organisation) {
        var colour = organisation == null ? null : organisation.brandColour();
        return colour != null && colour.matches("#[0-9a-fA-F]{6}") ? colour : DEFAULT_COLOUR;
    }
}
