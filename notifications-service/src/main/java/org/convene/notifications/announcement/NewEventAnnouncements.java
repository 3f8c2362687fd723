package org.convene.notifications.announcement;

import java.util.Locale;
import org.convene.notifications.event.domain.EventFollower;
import org.convene.notifications.event.domain.NewEvent;
import org.convene.notifications.mail.EventDates;
import org.convene.notifications.newsletter.domain.NewsletterService;
import org.convene.notifications.organisation.domain.Organisation;
import org.convene.notifications.organisation.domain.Organisations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A newly published public workshop is announced to the organisation's subscribers when the organisation
 * asks for that, as a newsletter named by the event, so the same news told twice announces once.
 */
@Component
class NewEventAnnouncements implements EventFollower {

    private final Organisations organisations;
    private final NewsletterService newsletters;
    private final String publicBaseUrl;

    NewEventAnnouncements(
            Organisations organisations,
            NewsletterService newsletters,
            @Value("${convene.public-base-url}") String publicBaseUrl) {
        this.organisations = organisations;
        this.newsletters = newsletters;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public Mono<Void> publishedPublicly(NewEvent event) {
        var organisationId = event.organisationId();
        if (organisationId == null) {
            return Mono.empty();
        }
        return organisations
                .find(organisationId)
                .filter(Organisation::announceNewEvents)
                .flatMap(organisation -> newsletters.announce(
                        organisationId.value(), event.id().value(), "New: " + event.title(), announcement(event)));
    }

    /** Markdown, so it goes through the same sanitiser as anything an organiser writes. */
    private String announcement(NewEvent event) {
        // Announcements are written in English, as the organisation's newsletters are.
        var when = EventDates.when(Locale.UK).format(event.startsAt().atZone(java.time.ZoneId.of(event.timeZone())));
        var where = event.online()
                ? "Online"
                : event.venueName() == null && event.venuePostcode() == null
                        ? ""
                        : event.venueName() + ", " + event.venuePostcode();
        return "## " + escape(event.title()) + "\n\n"
                + "**When:** " + when + " (" + event.timeZone() + ")  \n"
                + "**Where:** " + escape(where) + "\n\n"
                + "[See the details and register](" + publicBaseUrl + "/workshops/"
                + event.id().value() + ")\n";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replaceAll("([\\\\`*_{}\\[\\]()#+\\-.!<>|])", "\\\\$1");
    }
}
