package org.convene.notifications.subscription.domain;

import reactor.core.publisher.Mono;

/** The organisations known here, whose newsletters one can subscribe to. */
public interface NewsletterOwners {
    Mono<Boolean> exists(String organisationId);
}
