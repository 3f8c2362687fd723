package org.convene.web.api;

import java.util.List;
import java.util.Map;
import org.convene.web.api.Offerings.Listed;
import org.convene.web.api.Offerings.Tagged;
import org.convene.web.config.WebProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * events-service's list of what an organisation offers (ADR 14): read by anyone for the request form, replaced
 * as a whole by its organisers with the {@code ETag} read as {@code If-Match}.
 */
@Component
public class OfferingsClient {

    private static final String PATH = "/api/organisations/{organisationId}/offerings";

    private final WebClient client;
    private final ServiceCalls calls;

    OfferingsClient(ServiceCalls calls, WebProperties properties) {
        this.calls = calls;
        this.client = calls.client(properties.services().events());
    }

    public Mono<Tagged> list(String organisationId) {
        return tagged(client.get().uri(PATH, organisationId).retrieve());
    }

    /** Replaces the whole list: each entry {@code id} (kept ones only), {@code name}, {@code description}, {@code kind}. */
    public Mono<Tagged> replace(String organisationId, @Nullable String etag, List<Map<String, Object>> offerings) {
        var call = client.put().uri(PATH, organisationId);
        if (etag != null && !etag.isBlank()) {
            call.header(HttpHeaders.IF_MATCH, etag);
        }
        return tagged(call.bodyValue(Map.of("offerings", offerings)).retrieve());
    }

    private Mono<Tagged> tagged(WebClient.ResponseSpec response) {
        return calls.limited(response.toEntity(Listed.class).map(OfferingsClient::tagged));
    }

    private static Tagged tagged(ResponseEntity<Listed> entity) {
        var body = entity.getBody();
        var offerings = body == null || body.offerings() == null ? List.<Offerings.Offering>of() : body.offerings();
        return new Tagged(offerings, entity.getHeaders().getETag());
    }
}
