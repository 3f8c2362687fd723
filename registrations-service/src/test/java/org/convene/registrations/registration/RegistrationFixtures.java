package org.convene.registrations.registration;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Events announced on the real broker, and registration bodies a test changes one field of at a time. */
public final class RegistrationFixtures {

    private RegistrationFixtures() {}

    public static EventMessage event(String eventId, long version, int capacity, EventMessage.Status status) {
        return event(eventId, version, capacity, status, "org-test");
    }

    public static EventMessage event(
            String eventId, long version, int capacity, EventMessage.Status status, String organisationId) {
        return event(eventId, version, capacity, status, organisationId, null);
    }

    /** As above, with the organiser's group limit ({@code null}: none sent, so the default). */
    public static EventMessage event(
            String eventId,
            long version,
            int capacity,
            EventMessage.Status status,
            String organisationId,
            Integer groupLimit) {
        return event(eventId, version, capacity, status, organisationId, groupLimit, null, null);
    }

    /** As above, with who may find it and its invitations (ADR 13). */
    public static EventMessage event(
            String eventId,
            long version,
            int capacity,
            EventMessage.Status status,
            String organisationId,
            Integer groupLimit,
            EventMessage.Visibility visibility,
            List<EventMessage.Invitation> invitations) {
        var start = Instant.now().plus(Duration.ofDays(14));
        return new EventMessage(
                UUID.randomUUID(),
                version == 1 ? EventMessageType.EventPublished : EventMessageType.EventCapacityChanged,
                Instant.now(),
                eventId,
                version,
                organisationId,
                status,
                "Workshop",
                start,
                start.plus(Duration.ofHours(3)),
                "Europe/London",
                capacity,
                2,
                Instant.now().minus(Duration.ofHours(1)),
                start,
                null,
                true,
                null,
                List.of("BSL"),
                null,
                groupLimit,
                visibility,
                invitations);
    }

    /** Publishes the event on convene.events.v1 and waits until this service has its seat ledger. */
    public static String publishedEvent(KafkaTemplate<String, EventMessage> kafka, WebTestClient client, int capacity)
            throws Exception {
        return publishedEvent(kafka, client, capacity, "org-test");
    }

    /** As above, for an event of the given organisation. */
    public static String publishedEvent(
            KafkaTemplate<String, EventMessage> kafka, WebTestClient client, int capacity, String organisationId)
            throws Exception {
        var eventId = UUID.randomUUID().toString();
        kafka.send(Topics.EVENTS, eventId, event(eventId, 1, capacity, EventMessage.Status.PUBLISHED, organisationId))
                .get();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get()
                        .uri("/api/events/" + eventId + "/availability")
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .is2xxSuccessful());
        return eventId;
    }

    /**
     * Publishes an event with invitations and waits until this service has its ledger; {@code code} is
     * one of the invitations' codes, for an invite-only event, which is not found without one.
     */
    public static String publishedEvent(
            KafkaTemplate<String, EventMessage> kafka,
            WebTestClient client,
            int capacity,
            EventMessage.Visibility visibility,
            List<EventMessage.Invitation> invitations,
            String code)
            throws Exception {
        var eventId = UUID.randomUUID().toString();
        kafka.send(
                        Topics.EVENTS,
                        eventId,
                        event(
                                eventId,
                                1,
                                capacity,
                                EventMessage.Status.PUBLISHED,
                                "org-test",
                                null,
                                visibility,
                                invitations))
                .get();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get()
                        .uri("/api/events/" + eventId + "/availability?invitation=" + code)
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .is2xxSuccessful());
        return eventId;
    }

    /** An invitation as events-service announces it: its code only as a hash. */
    public static EventMessage.Invitation invitation(String id, String code, int seatsHeld, Instant releaseAt) {
        return new EventMessage.Invitation(
                id,
                "Rutland County Council",
                org.convene.registrations.registration.domain.Invitation.hash(code),
                seatsHeld,
                releaseAt);
    }

    public static Map<String, Object> person(String name, int companions) {
        var attendee = new HashMap<String, Object>();
        attendee.put("name", name);
        attendee.put("email", name.toLowerCase().replace(' ', '.') + "@example.org");
        attendee.put("role", "YOUNG_PERSON");
        attendee.put("ageBand", "AGE_18_TO_25");
        var body = new HashMap<String, Object>();
        body.put("attendee", attendee);
        var kinds = new ArrayList<String>();
        for (int i = 0; i < companions; i++) {
            kinds.add(i == 0 ? "CARER" : "SUPPORT_WORKER");
        }
        body.put("companions", kinds);
        body.put("supportNeeds", Map.of("interpreter", "BSL", "access", List.of("STEP_FREE_ACCESS")));
        return body;
    }

    /**
     * A worker registering a group: {@code youngPeople} aged 18–25 (no guardian needed), named
     * "{worker} Member {n}", and the adults they bring by kind; nobody asks for support.
     */
    public static Map<String, Object> group(String worker, int youngPeople, String... adults) {
        var body = person(worker, 0);
        attendeeOf(body).put("role", "PROFESSIONAL");
        attendeeOf(body).put("ageBand", "OVER_25");
        body.put("companions", List.of(adults));
        body.remove("supportNeeds");
        var members = new ArrayList<Map<String, Object>>();
        for (int i = 1; i <= youngPeople; i++) {
            var member = new HashMap<String, Object>();
            member.put("name", worker + " Member " + i);
            member.put("ageBand", "AGE_18_TO_25");
            members.add(member);
        }
        body.put("group", new HashMap<>(Map.of("organisation", "Rutland County Council", "members", members)));
        return body;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> membersOf(Map<String, Object> body) {
        return (List<Map<String, Object>>) ((Map<String, Object>) body.get("group")).get("members");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> attendeeOf(Map<String, Object> body) {
        return (Map<String, Object>) body.get("attendee");
    }
}
