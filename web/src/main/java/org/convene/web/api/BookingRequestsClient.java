package org.convene.web.api;

import java.util.List;
import java.util.Map;
import org.convene.web.api.BookingRequests.Export;
import org.convene.web.api.BookingRequests.Request;
import org.convene.web.api.BookingRequests.Summary;
import org.convene.web.api.BookingRequests.Tagged;
import org.convene.web.config.WebProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * events-service's booking requests (ADR 14): the public form, and the organisation's inbox. Changes carry
 * the {@code ETag} the page read as {@code If-Match}, so a change made meanwhile by someone else is a 412.
 */
@Component
public class BookingRequestsClient {

    private static final String BASE = "/api/organisations/{organisationId}/booking-requests";

    private final WebClient client;
    private final ServiceCalls calls;

    BookingRequestsClient(ServiceCalls calls, WebProperties properties) {
        this.calls = calls;
        this.client = calls.client(properties.services().events());
    }

    /** Sends the public form; the API answers the same (202) whether or not it stored anything. */
    public Mono<Void> submit(String organisationId, Map<String, Object> body) {
        return calls.limited(client.post()
                .uri(BASE, organisationId)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Void.class));
    }

    /** The inbox, newest first; {@code status} and {@code kind} are the API's codes, or null for all. */
    public Mono<List<Summary>> list(String organisationId, @Nullable String status, @Nullable String kind) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        if (status != null) {
            query.add("status", status);
        }
        if (kind != null) {
            query.add("kind", kind);
        }
        return calls.limited(client.get()
                .uri(uri -> uri.path(BASE).queryParams(query).build(organisationId))
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Summary>>() {}));
    }

    public Mono<Tagged> request(String organisationId, String id) {
        return tagged(client.get().uri(BASE + "/{id}", organisationId, id).retrieve());
    }

    /** discuss, notes, replies, decline, accept: each with the ETag read and its own body (empty for some). */
    public Mono<Tagged> act(
            String organisationId, String id, String action, @Nullable String etag, Map<String, Object> body) {
        var call = client.post().uri(BASE + "/{id}/{action}", organisationId, id, action);
        if (etag != null && !etag.isBlank()) {
            call.header(HttpHeaders.IF_MATCH, etag);
        }
        return tagged(call.bodyValue(body).retrieve());
    }

    /** Erases the requester's personal data; repeating it is harmless, so no If-Match. */
    public Mono<Tagged> erase(String organisationId, String id) {
        return tagged(
                client.post().uri(BASE + "/{id}/erase", organisationId, id).retrieve());
    }

    public Mono<Export> export(String organisationId, String id) {
        return calls.limited(client.get()
                .uri(BASE + "/{id}/export", organisationId, id)
                .retrieve()
                .toEntity(byte[].class)
                .map(entity ->
                        new Export(filename(entity, id), entity.getBody() == null ? new byte[0] : entity.getBody())));
    }

    private Mono<Tagged> tagged(WebClient.ResponseSpec response) {
        return calls.limited(
                response.toEntity(Request.class).map(entity -> new Tagged(entity.getBody(), etag(entity))));
    }

    private static @Nullable String etag(ResponseEntity<Request> entity) {
        var etag = entity.getHeaders().getETag();
        if (etag != null && !etag.isBlank()) {
            return etag;
        }
        return entity.getBody() == null ? null : "\"" + entity.getBody().version() + "\"";
    }

    private static String filename(ResponseEntity<byte[]> entity, String id) {
        var sent = entity.getHeaders().getContentDisposition().getFilename();
        return sent != null && sent.matches("[A-Za-z0-9._-]{1,100}") ? sent : "booking-request-" + id + ".json";
    }
}
