package org.convene.web.api;

import java.util.List;
import java.util.Map;
import org.convene.web.api.Newsletters.Newsletter;
import org.convene.web.config.WebProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** notifications-service's newsletter API: subscribing, and organisers' newsletters. */
@Component
public class NewsletterClient {

    private final WebClient client;
    private final ServiceCalls calls;

    NewsletterClient(ServiceCalls calls, WebProperties properties) {
        this.calls = calls;
        this.client = calls.client(properties.services().notifications());
    }

    public Mono<Void> subscribe(Map<String, Object> body) {
        return calls.limited(client.post()
                .uri("/api/newsletter/subscriptions")
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Void.class));
    }

    public Mono<List<Newsletter>> newsletters() {
        return calls.limited(client.get()
                .uri("/api/newsletters")
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Newsletter>>() {}));
    }

    public Mono<Newsletter> newsletter(String id) {
        return calls.limited(
                client.get().uri("/api/newsletters/{id}", id).retrieve().bodyToMono(Newsletter.class));
    }

    public Mono<Newsletter> create(Map<String, Object> body) {
        return calls.limited(
                client.post().uri("/api/newsletters").bodyValue(body).retrieve().bodyToMono(Newsletter.class));
    }

    /** test, schedule, cancel. */
    public Mono<Void> act(String id, String action, Map<String, Object> body) {
        return calls.limited(client.post()
                .uri("/api/newsletters/{id}/{action}", id, action)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Void.class));
    }
}
