package org.convene.web.api;

import java.util.List;
import java.util.Map;
import org.convene.web.config.WebProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** notifications-service's webhooks API for the organiser's own organisation, with the organiser's token. */
@Component
public class WebhooksClient {

    private static final String BASE = "/api/organisations/{organisationId}/webhooks";

    private final WebClient client;
    private final ServiceCalls calls;

    WebhooksClient(ServiceCalls calls, WebProperties properties) {
        this.calls = calls;
        this.client = calls.client(properties.services().notifications());
    }

    public Mono<List<Webhooks.Endpoint>> list(String organisationId) {
        return calls.limited(client.get()
                .uri(BASE, organisationId)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Webhooks.Endpoint>>() {}));
    }

    public Mono<Webhooks.Endpoint> find(String organisationId, String id) {
        return calls.limited(
                client.get().uri(BASE + "/{id}", organisationId, id).retrieve().bodyToMono(Webhooks.Endpoint.class));
    }

    public Mono<Webhooks.WithSecret> create(String organisationId, Map<String, Object> body) {
        return calls.limited(client.post()
                .uri(BASE, organisationId)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Webhooks.WithSecret.class));
    }

    public Mono<Webhooks.Endpoint> update(String organisationId, String id, Map<String, Object> body) {
        return calls.limited(client.put()
                .uri(BASE + "/{id}", organisationId, id)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Webhooks.Endpoint.class));
    }

    public Mono<Void> delete(String organisationId, String id) {
        return calls.limited(client.delete()
                .uri(BASE + "/{id}", organisationId, id)
                .retrieve()
                .bodyToMono(Void.class));
    }

    public Mono<Webhooks.WithSecret> rotateSecret(String organisationId, String id) {
        return calls.limited(client.post()
                .uri(BASE + "/{id}/secret", organisationId, id)
                .retrieve()
                .bodyToMono(Webhooks.WithSecret.class));
    }

    public Mono<List<Webhooks.Delivery>> deliveries(String organisationId, String id) {
        return calls.limited(client.get()
                .uri(BASE + "/{id}/deliveries?limit=50", organisationId, id)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Webhooks.Delivery>>() {}));
    }

    public Mono<Void> resend(String organisationId, String id, String deliveryId) {
        return calls.limited(client.post()
                .uri(BASE + "/{id}/deliveries/{deliveryId}/resend", organisationId, id, deliveryId)
                .retrieve()
                .bodyToMono(Void.class));
    }
}
