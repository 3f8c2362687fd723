package org.convene.web.api;

import java.util.Map;
import org.convene.web.api.Events.Event;
import org.convene.web.api.Events.EventPage;
import org.convene.web.api.Events.Invitation;
import org.convene.web.config.WebProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** events-service's public and organiser API. */
@Component
public class EventsClient {

    private final WebClient client;
    private final ServiceCalls calls;

    EventsClient(ServiceCalls calls, WebProperties properties) {
        this.calls = calls;
        this.client = calls.client(properties.services().events());
    }

    /** Published, upcoming events; {@code query} holds the API's own filters (audience, format, topic, from, q, cursor). */
    public Mono<EventPage> upcoming(MultiValueMap<String, String> query) {
        return calls.limited(client.get()
                .uri(uri -> uri.path("/api/events").queryParams(query).build())
                .retrieve()
                .bodyToMono(EventPage.class));
    }

    public Mono<Event> event(String id) {
        return event(id, null);
    }

    /**
     * An event opened with an invitation code ({@code null} for none): an invite-only event is a 404
     * without one of its valid codes; other events ignore it. The code is in the query, which WebClient
     * leaves out of its error descriptions and {@link CallObservations} out of traces.
     */
    public Mono<Event> event(String id, @Nullable String invitation) {
        if (invitation == null) {
            return calls.limited(
                    client.get().uri("/api/events/{id}", id).retrieve().bodyToMono(Event.class));
        }
        return calls.limited(client.get()
                .uri("/api/events/{id}?invitation={invitation}", id, invitation)
                .retrieve()
                .bodyToMono(Event.class));
    }

    /** The organiser invites a partner organisation (ADR 13), perhaps holding places for it. */
    public Mono<Invitation> invite(String eventId, Map<String, Object> body) {
        return calls.limited(client.post()
                .uri("/api/events/{id}/invitations", eventId)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Invitation.class));
    }

    /** The invitation's link stops working; registrations made with it stay. */
    public Mono<Invitation> revoke(String eventId, String invitationId) {
        return calls.limited(client.post()
                .uri("/api/events/{id}/invitations/{invitationId}/revoke", eventId, invitationId)
                .retrieve()
                .bodyToMono(Invitation.class));
    }

    public Flux<Event> organisationEvents(String organisationId) {
        return calls.limited(client.get()
                        .uri("/api/organisations/{id}/events", organisationId)
                        .retrieve()
                        .bodyToMono(new ParameterizedTypeReference<java.util.List<Event>>() {}))
                .flatMapMany(Flux::fromIterable);
    }

    public Mono<Event> create(Map<String, Object> body) {
        return calls.limited(
                client.post().uri("/api/events").bodyValue(body).retrieve().bodyToMono(Event.class));
    }

    /** An edit that is refused (412) when someone changed the event since {@code version} was read. */
    public Mono<Event> update(String id, long version, Map<String, Object> body) {
        return calls.limited(client.put()
                .uri("/api/events/{id}", id)
                .header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Event.class));
    }

    /** publish, reschedule, cancel, capacity: the lifecycle actions, each with its own body. */
    public Mono<Event> act(String id, String action, long version, Map<String, Object> body) {
        return calls.limited(client.post()
                .uri("/api/events/{id}/{action}", id, action)
                .header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Event.class));
    }
}
