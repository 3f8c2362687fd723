package org.convene.notifications.event.messaging;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.event.persistence.EventViews;
import org.convene.notifications.mail.EventDates;
import org.convene.notifications.newsletter.domain.NewsletterService;
import org.convene.notifications.organisation.persistence.OrganisationViews;
import org.convene.notifications.registrant.persistence.Registrants;
import org.convene.support.messaging.InOrder;
import org.convene.support.outbox.OutboxTrace;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the event view, and acts on news about an event: a new time reaches everyone registered
 * or waiting, one email per person per announcement however often it is delivered; a newly
 * published workshop is announced to the organisation's subscribers when it asks for that. (When
 * an event is cancelled, registrations-service cancels each registration and each person gets that
 * cancellation email, which then gives the event's reason.)
 */
@Component
class EventsListener {

    private final EventViews views;
    private final Registrants registrants;
    private final Deliveries deliveries;
    private final OrganisationViews organisations;
    private final NewsletterService newsletters;
    private final Clock clock;
    private final String publicBaseUrl;

    EventsListener(
            EventViews views,
            Registrants registrants,
            Deliveries deliveries,
            OrganisationViews organisations,
            NewsletterService newsletters,
            Clock clock,
            @Value("${convene.public-base-url}") String publicBaseUrl) {
        this.views = views;
        this.registrants = registrants;
        this.deliveries = deliveries;
        this.organisations = organisations;
        this.newsletters = newsletters;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
    }

    @KafkaListener(
            topics = Topics.EVENTS,
            id = "notifications-events",
            // The group is the service's (spring.kafka.consumer.group-id), shared by its instances.
            idIsGroup = false,
            properties = "spring.json.value.default.type=org.convene.contracts.events.EventMessage")
    void on(EventMessage message) {
        InOrder.handle(handle(message));
    }

    private Mono<Void> handle(EventMessage message) {
        // Read here, on the listener's thread, where the trace the message carries is current.
        var traceparent = OutboxTrace.current();
        var view = views.apply(message);
        return switch (message.type()) {
            case EventRescheduled -> view.then(tellEveryoneConcerned(message, traceparent));
            case EventPublished -> view.then(announce(message));
            default -> view;
        };
    }

    private Mono<Void> tellEveryoneConcerned(EventMessage message, String traceparent) {
        var now = clock.instant();
        return registrants
                .concernedBy(message.eventId())
                .filter(person -> person.email() != null)
                .concatMap(person -> deliveries.enqueue(Delivery.pending(
                                message.messageId() + ":" + person.registrationId(),
                                "rescheduled",
                                person.email(),
                                person.name(),
                                null,
                                message.eventId(),
                                null,
                                null,
                                null,
                                now,
                                traceparent)
                        .inReading(person.language(), Boolean.TRUE.equals(person.easyRead()))))
                .then();
    }

    /**
     * A new public event, to the organisation's subscribers if it asks for that; an unlisted or
     * invitation-only one is for those given its link or an invitation only.
     */
    private Mono<Void> announce(EventMessage message) {
        if (message.visibility() != null && message.visibility() != EventMessage.Visibility.PUBLIC) {
            return Mono.empty();
        }
        return organisations
                .find(message.organisationId())
                .filter(organisation -> organisation.announceNewEvents())
                .flatMap(organisation -> newsletters.announce(
                        message.organisationId(), message.eventId(), "New: " + message.title(), announcement(message)));
    }

    /** Markdown, so it goes through the same sanitiser as anything an organiser writes. */
    private String announcement(EventMessage message) {
        // Announcements are written in English, as the organisation's newsletters are.
        var when = EventDates.when(Locale.UK).format(message.startsAt().atZone(ZoneId.of(message.timeZone())));
        var where = message.online()
                ? "Online"
                : message.venue() == null
                        ? ""
                        : message.venue().name() + ", " + message.venue().postcode();
        return "## " + escape(message.title()) + "\n\n"
                + "**When:** " + when + " (" + message.timeZone() + ")  \n"
                + "**Where:** " + escape(where) + "\n\n"
                + "[See the details and register](" + publicBaseUrl + "/workshops/" + message.eventId() + ")\n";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replaceAll("([\\\\`*_{}\\[\\]()#+\\-.!<>|])", "\\\\$1");
    }
}
