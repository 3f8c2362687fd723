package org.convene.notifications.reminder;

import java.time.Clock;
import org.convene.notifications.config.NotificationsProperties;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.event.persistence.EventViews;
import org.convene.notifications.registrant.persistence.Registrants;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Queues a reminder for everyone holding a place, {@code reminderLead} before the event. The
 * delivery's id is the event and the registration, so however many instances scan, and however
 * often (a restart scans again), each person is reminded once (invariant 3, docs/invariants.md). Someone who got their
 * place after the reminder time has just had their confirmation, and is not reminded as well.
 */
@Component
public class Reminders {

    private final EventViews events;
    private final Registrants registrants;
    private final Deliveries deliveries;
    private final Clock clock;
    private final NotificationsProperties properties;

    Reminders(
            EventViews events,
            Registrants registrants,
            Deliveries deliveries,
            Clock clock,
            NotificationsProperties properties) {
        this.events = events;
        this.registrants = registrants;
        this.deliveries = deliveries;
        this.clock = clock;
        this.properties = properties;
    }

    public Mono<Void> queueDue() {
        var now = clock.instant();
        var lead = properties.reminderLead();
        return events.startingBetween(now, now.plus(lead))
                .concatMap(event -> {
                    var remindFrom = event.startsAt().minus(lead);
                    return registrants
                            .confirmedFor(event.id())
                            .filter(person -> person.email() != null)
                            .filter(person -> person.confirmedAt() == null
                                    || !person.confirmedAt().isAfter(remindFrom))
                            .concatMap(person -> deliveries.enqueue(Delivery.pending(
                                            "reminder:" + event.id() + ":" + person.registrationId(),
                                            "reminder",
                                            person.email(),
                                            person.name(),
                                            null,
                                            event.id(),
                                            null,
                                            null,
                                            null,
                                            now,
                                            null)
                                    .inReading(person.language(), Boolean.TRUE.equals(person.easyRead()))));
                })
                .then();
    }
}
