package org.convene.notifications.subscription.domain;

import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where subscribers are kept. {@link Subscriber} decides every change; this stores the state it decided only
 * if the stored one is still the one it was decided from, so two requests racing cannot both send a
 * confirmation or undo an unsubscribe: the loser reads again and decides again.
 */
public interface Subscribers {

    /** Adds a new subscriber; false when the address is already on the organisation's list. */
    Mono<Boolean> insertIfAbsent(Subscriber subscriber);

    Mono<Subscriber> byId(String id);

    /** Empty for a blank token or one nobody holds. */
    Mono<Subscriber> byToken(String token);

    /**
     * Stores {@code changed} if the stored subscriber is still at {@code decidedFrom}'s version; else
     * {@link SubscriberChanged}.
     */
    Mono<Subscriber> update(Subscriber decidedFrom, Subscriber changed);

    /** Removes the subscriber if it is still at the version read; else {@link SubscriberChanged}. */
    Mono<Subscriber> remove(Subscriber subscriber);

    /** Confirmed subscribers of the organisation who chose any of the topics. */
    Flux<Subscriber> confirmedFor(String organisationId, Collection<String> topics);

    Flux<Subscriber> byIds(Collection<String> ids);
}
