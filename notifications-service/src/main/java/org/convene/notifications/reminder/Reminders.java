package org.convene.notifications.reminder;

import java.time.Clock;
import org.convene.notifications.config.NotificationsProperties;
import org.convene.notifications.delivery.domain.DeliveryQueue;
import org.convene.notifications.delivery.domain.Recipient;
import org.convene.notifications.event.domain.Events;
import org.convene.notifications.registrant.domain.Registrants;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Queues a reminder for everyone holding a place, {@code reminderLead} before the event. The queue
 * names the reminder by the event and the registration, so however many instances scan, and however
 * often (a restart scans again), each person is reminded once (invariant 3, docs/invariants.md). Someone
 * who got their place after the reminder time has just had their confirmation, and is not reminded as well.
 */
@Component
public class Reminders {

    private final Events events;
    private final Registrants registrants;
    private final DeliveryQueue queue;
    private final Clock clock;
    private final NotificationsProperties properties;

    Reminders(
            Events events,
            Registrants registrants,
            DeliveryQueue queue,
            Clock clock,
            NotificationsProperties properties) {
        this.events = events;
        this.registrants = registrants;
        this.queue = queue;
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
                            .filter(person -> person.remindedAt(remindFrom))
                            .concatMap(person -> {
                                var email = person.email();
                                // Nobody to write to: their person was erased.
                                return email == null
                                        ? Mono.<Void>empty()
                                        : queue.reminder(
                                                event.id(),
                                                person.registrationId(),
                                                new Recipient(
                                                        email, person.name(), person.language(), person.easyRead()),
                                                now);
                            });
                })
                .then();
    }
}
