package org.convene.notifications.webhook.domain;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The deliveries as organisers see and act on them; the sender has its own access (ADR 17). */
public interface WebhookDeliveries {

    /** Inserts it unless a delivery with its id exists: a fact delivered again adds nothing. */
    Mono<Void> enqueue(WebhookDelivery delivery);

    /** The newest first. */
    Flux<WebhookDelivery> of(String endpointId, int limit);

    Mono<WebhookDelivery> find(String endpointId, String id);

    /** Pending again, due now, tried until {@code retryUntil}; empty when it is not there. */
    Mono<WebhookDelivery> sendAgain(String endpointId, String id, Instant now, Instant retryUntil);

    Mono<Void> removeOf(String endpointId);
}
