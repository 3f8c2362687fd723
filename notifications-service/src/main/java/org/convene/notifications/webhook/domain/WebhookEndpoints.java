package org.convene.notifications.webhook.domain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The endpoints, by organisation. */
public interface WebhookEndpoints {

    Mono<WebhookEndpoint> insert(WebhookEndpoint endpoint);

    Mono<Long> countOf(String organisationId);

    Flux<WebhookEndpoint> of(String organisationId);

    Mono<WebhookEndpoint> find(String organisationId, String id);

    Mono<WebhookEndpoint> save(WebhookEndpoint endpoint);

    Mono<Boolean> delete(String organisationId, String id);

    /** Whether any organisation has an enabled endpoint that chose this type. */
    Mono<Boolean> anyWanting(String type);
}
