package org.convene.web.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.web.api.Registrations.Arranged;
import org.convene.web.api.Registrations.Attendee;
import org.convene.web.api.Registrations.Availability;
import org.convene.web.api.Registrations.Registration;
import org.convene.web.api.Registrations.Summary;
import org.convene.web.api.Registrations.SupportPlan;
import org.convene.web.config.WebProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** registrations-service's public and organiser API. */
@Component
public class RegistrationsClient {

    private final WebClient client;
    private final ServiceCalls calls;

    RegistrationsClient(ServiceCalls calls, WebProperties properties) {
        this.calls = calls;
        this.client = calls.client(properties.services().registrations());
    }

    public Mono<Availability> availability(String eventId) {
        return availability(eventId, null);
    }

    /** An event's seats, asked with an invitation code ({@code null} for none), as {@link EventsClient#event(String, String)}. */
    public Mono<Availability> availability(String eventId, @Nullable String invitation) {
        if (invitation == null) {
            return calls.limited(client.get()
                    .uri("/api/events/{id}/availability", eventId)
                    .retrieve()
                    .bodyToMono(Availability.class));
        }
        return calls.limited(client.get()
                .uri("/api/events/{id}/availability?invitation={invitation}", eventId, invitation)
                .retrieve()
                .bodyToMono(Availability.class));
    }

    /** The most events registrations-service answers for in one batch of availability. */
    static final int MOST_EVENTS_PER_BATCH = 50;

    /**
     * Several events' availability in one call per {@value #MOST_EVENTS_PER_BATCH} events (a list page
     * makes one), by event id; an event registrations-service does not know is absent.
     */
    public Mono<Map<String, Availability>> availabilities(List<String> eventIds) {
        var ids = eventIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        var batches = new java.util.ArrayList<List<String>>();
        for (int from = 0; from < ids.size(); from += MOST_EVENTS_PER_BATCH) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + MOST_EVENTS_PER_BATCH)));
        }
        return reactor.core.publisher.Flux.fromIterable(batches)
                .flatMap(batch -> calls.limited(client.get()
                        .uri(uri -> uri.path("/api/events/availability")
                                .queryParam("ids", String.join(",", batch))
                                .build())
                        .retrieve()
                        .bodyToMono(new ParameterizedTypeReference<List<Availability>>() {})))
                .flatMapIterable(answers -> answers)
                .collectMap(Availability::eventId);
    }

    /**
     * Registers with the form's own idempotency key, so a double-clicked button or a page sent again
     * gets the same registration instead of a second one.
     */
    public Mono<Registration> register(String eventId, UUID idempotencyKey, Map<String, Object> body) {
        return calls.limited(client.post()
                .uri("/api/events/{id}/registrations", eventId)
                .header("Idempotency-Key", idempotencyKey.toString())
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Registration.class));
    }

    public Mono<Registration> byToken(String token) {
        return calls.limited(client.get()
                .uri("/api/registrations/manage/{token}", token)
                .retrieve()
                .bodyToMono(Registration.class));
    }

    /** The worker brings one more young person (the body of one {@code group.members} entry). */
    public Mono<Registration> addMember(String token, Map<String, Object> member) {
        return calls.limited(client.post()
                .uri("/api/registrations/manage/{token}/group/members", token)
                .bodyValue(member)
                .retrieve()
                .bodyToMono(Registration.class));
    }

    /** The worker changes what one young person of their group needs; nobody else's needs change. */
    public Mono<Registration> changeMemberSupportNeeds(String token, String memberId, Map<String, Object> needs) {
        return calls.limited(client.put()
                .uri("/api/registrations/manage/{token}/group/members/{memberId}/support-needs", token, memberId)
                .bodyValue(needs)
                .retrieve()
                .bodyToMono(Registration.class));
    }

    /** The worker takes one young person off their group. */
    public Mono<Registration> removeMember(String token, String memberId) {
        return calls.limited(client.delete()
                .uri("/api/registrations/manage/{token}/group/members/{memberId}", token, memberId)
                .retrieve()
                .bodyToMono(Registration.class));
    }

    public Mono<Registration> cancelByToken(String token) {
        return calls.limited(client.post()
                .uri("/api/registrations/manage/{token}/cancel", token)
                .retrieve()
                .bodyToMono(Registration.class));
    }

    public Mono<Registration> changeSupportNeeds(String token, Map<String, Object> needs) {
        return calls.limited(client.put()
                .uri("/api/registrations/manage/{token}/support-needs", token)
                .bodyValue(needs)
                .retrieve()
                .bodyToMono(Registration.class));
    }

    public Mono<Void> eraseByToken(String token) {
        return calls.limited(client.post()
                .uri("/api/registrations/manage/{token}/erase", token)
                .retrieve()
                .bodyToMono(Void.class));
    }

    public Mono<List<Attendee>> attendees(String eventId) {
        return calls.limited(client.get()
                .uri("/api/events/{id}/registrations", eventId)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Attendee>>() {}));
    }

    public Mono<Summary> summary(String eventId) {
        return calls.limited(client.get()
                .uri("/api/events/{id}/registrations/summary", eventId)
                .retrieve()
                .bodyToMono(Summary.class));
    }

    public Mono<String> exportCsv(String eventId) {
        return calls.limited(client.get()
                .uri("/api/events/{id}/registrations/export.csv", eventId)
                .retrieve()
                .bodyToMono(String.class));
    }

    /**
     * The organiser accepts some young people of a waiting group now (with the group's adults); the
     * others keep the group's place in the queue.
     */
    public Mono<Void> acceptPart(String registrationId, List<String> memberIds) {
        return calls.limited(client.post()
                .uri("/api/registrations/{id}/accept-part", registrationId)
                .bodyValue(Map.of("memberIds", memberIds))
                .retrieve()
                .bodyToMono(Void.class));
    }

    /** The registrant, or with {@code memberId} one young person of their group. */
    public Mono<Void> checkIn(String registrationId, String attendance, @Nullable String memberId) {
        var body = memberId == null
                ? Map.of("attendance", attendance)
                : Map.of("attendance", attendance, "memberId", memberId);
        return calls.limited(client.post()
                .uri("/api/registrations/{id}/check-in", registrationId)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(Void.class));
    }

    /** The person a check-in code (typed or scanned) names at the event, marked as {@code attendance}. */
    public Mono<Registrations.CheckedIn> checkInByCode(String eventId, String code, String attendance) {
        return calls.limited(client.post()
                .uri("/api/events/{id}/check-in", eventId)
                .bodyValue(Map.of("code", code, "attendance", attendance))
                .retrieve()
                .bodyToMono(Registrations.CheckedIn.class));
    }

    /** The event's support needs, what is still to arrange and by when (the organiser's own events only). */
    public Mono<SupportPlan> supportPlan(String eventId) {
        return calls.limited(client.get()
                .uri("/api/events/{id}/support-plan", eventId)
                .retrieve()
                .bodyToMono(SupportPlan.class));
    }

    /**
     * Marks a need arranged, with a note for the people who asked ({@code null} for none); everyone who
     * asked for it hears once.
     */
    public Mono<SupportPlan> arrange(String eventId, @Nullable String need, @Nullable String note) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("need", need);
        if (note != null) {
            body.put("note", note);
        }
        return calls.limited(client.post()
                .uri("/api/events/{id}/support-plan/arrangements", eventId)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(SupportPlan.class));
    }

    /** The need is not arranged after all: it is to arrange again; nobody is emailed. */
    public Mono<SupportPlan> withdrawArrangement(String eventId, @Nullable String need) {
        return calls.limited(client.post()
                .uri("/api/events/{id}/support-plan/arrangements/withdraw", eventId)
                .bodyValue(Map.of("need", need))
                .retrieve()
                .bodyToMono(SupportPlan.class));
    }

    /** How many days before the event everything should be arranged; the API decides what is allowed. */
    public Mono<SupportPlan> supportDeadline(String eventId, @Nullable Object daysBefore) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("daysBefore", daysBefore);
        return calls.limited(client.put()
                .uri("/api/events/{id}/support-plan/deadline", eventId)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(SupportPlan.class));
    }

    /** What the organiser has arranged for the person with this private link, with their notes. */
    public Mono<List<Arranged>> arranged(String token) {
        return calls.limited(client.get()
                .uri("/api/registrations/manage/{token}/arranged", token)
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<List<Arranged>>() {}));
    }
}
