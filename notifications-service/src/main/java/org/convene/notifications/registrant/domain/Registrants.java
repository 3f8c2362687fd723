package org.convene.notifications.registrant.domain;

import org.convene.notifications.event.domain.EventId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who is registered or waiting for each event, kept from registrations-service's news, so that news about
 * an event (a new time, a reminder) reaches everyone concerned.
 */
public interface Registrants {

    /**
     * Keeps the newest state of the registration; older news than what is kept changes nothing. {@code
     * justDecided}: the registration was just confirmed or put on the waiting list, so it is most likely not
     * known yet, and is written as new first.
     */
    Mono<Void> keep(Registrant registrant, boolean justDecided);

    /** The person's data was erased: nothing about them is kept, not even that they registered. */
    Mono<Void> forget(RegistrationId registrationId);

    /** Everyone confirmed or waiting for the event. */
    Flux<Registrant> concernedBy(EventId eventId);

    /** Everyone holding a place at the event. */
    Flux<Registrant> confirmedFor(EventId eventId);
}
