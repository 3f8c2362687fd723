package org.convene.notifications.subscription.domain;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** Where the subscription's own emails go out; a port so the domain needs no store. */
public interface SubscriptionEmails {

    Mono<Void> askToConfirm(Subscriber subscriber, Instant askedAt);

    /** Forgets the address in emails already queued or sent to it (erasure). */
    Mono<Void> forget(Subscriber subscriber);
}
