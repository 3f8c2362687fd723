package org.convene.notifications.webhook.domain;

import java.net.URI;
import reactor.core.publisher.Mono;

/** Whether a URL may be called: its scheme and host by configuration, every address it resolves to by {@link AddressGuard}. */
public interface WebhookDestinations {

    /** Completes when it may; fails with {@link WebhookUrlRefused} saying why not. */
    Mono<Void> check(URI url);
}
