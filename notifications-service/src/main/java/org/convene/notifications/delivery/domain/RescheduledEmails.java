package org.convene.notifications.delivery.domain;

import java.time.Clock;
import org.convene.notifications.event.domain.EventFollower;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.registrant.domain.Registrants;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * An event's new time reaches everyone registered or waiting who can still be written to, one email per
 * person per announcement however often it is delivered. (When an event is cancelled, registrations-service
 * cancels each registration and each person gets that cancellation email, which gives the event's reason.)
 */
public class RescheduledEmails implements EventFollower {

    private final Registrants registrants;
    private final DeliveryQueue queue;
    private final Clock clock;

    public RescheduledEmails(Registrants registrants, DeliveryQueue queue, Clock clock) {
        this.registrants = registrants;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public Mono<Void> rescheduled(String messageId, EventId event, @Nullable String traceparent) {
        var now = clock.instant();
        return registrants
                .concernedBy(event)
                .concatMap(person -> {
                    var email = person.email();
                    // Nobody to write to: the registration was cancelled, or its person erased.
                    return email == null
                            ? Mono.<Void>empty()
                            : queue.rescheduled(
                                    messageId,
                                    event,
                                    person.registrationId(),
                                    new Recipient(email, person.name(), person.language(), person.easyRead()),
                                    now,
                                    traceparent);
                })
                .then();
    }
}
