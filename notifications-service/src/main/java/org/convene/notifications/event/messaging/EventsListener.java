package org.convene.notifications.event.messaging;

import java.util.List;
import java.util.function.Function;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.notifications.event.domain.EventFollower;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.event.domain.NewEvent;
import org.convene.notifications.event.persistence.EventViews;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.support.messaging.InOrder;
import org.convene.support.outbox.OutboxTrace;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the event view, then tells the features that act on news about an event (a new time reaches
 * everyone registered; a newly published workshop is announced to subscribers): this one listener reads
 * the topic, in order, for all of them.
 */
@Component
class EventsListener {

    private final EventViews views;
    private final List<EventFollower> followers;

    EventsListener(EventViews views, List<EventFollower> followers) {
        this.views = views;
        this.followers = List.copyOf(followers);
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
            case EventRescheduled ->
                view.then(tell(follower -> follower.rescheduled(
                        message.messageId().toString(), new EventId(message.eventId()), traceparent)));
            case EventPublished ->
                publicly(message) ? view.then(tell(follower -> follower.publishedPublicly(newEvent(message)))) : view;
            default -> view;
        };
    }

    /** One after the other, so each sees what the one before did. */
    private Mono<Void> tell(Function<EventFollower, Mono<Void>> news) {
        return Flux.fromIterable(followers).concatMap(news).then();
    }

    /** An unlisted or invitation-only event is for those given its link or an invitation only. */
    private static boolean publicly(EventMessage message) {
        return message.visibility() == null || message.visibility() == EventMessage.Visibility.PUBLIC;
    }

    private static NewEvent newEvent(EventMessage message) {
        var venue = message.venue();
        return new NewEvent(
                new EventId(message.eventId()),
                message.organisationId() == null ? null : new OrganisationId(message.organisationId()),
                message.title(),
                message.startsAt(),
                message.timeZone(),
                message.online(),
                venue == null ? null : venue.name(),
                venue == null ? null : venue.postcode());
    }
}
