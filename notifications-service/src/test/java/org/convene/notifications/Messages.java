package org.convene.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.contracts.organisations.OrganisationMessageType;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.testing.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/** Publishes what events-service and registrations-service would, as JSON on the real broker. */
public final class Messages implements AutoCloseable {

    private final JsonMapper json = JsonMapper.builder().build();
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));

    public EventMessage event(String eventId) throws Exception {
        return event(eventId, "org-mail", Instant.parse("2027-03-10T10:00:00Z"));
    }

    /** Publishes the event (version 2) for the organisation, starting at {@code start}. */
    public EventMessage event(String eventId, String organisationId, Instant start) throws Exception {
        var message = new EventMessage(
                UUID.randomUUID(),
                EventMessageType.EventPublished,
                Instant.now(),
                eventId,
                2,
                organisationId,
                EventMessage.Status.PUBLISHED,
                "Peer research workshop",
                start,
                start.plus(Duration.ofHours(4)),
                "Europe/London",
                20,
                2,
                Instant.now(),
                start,
                new EventMessage.VenueSummary(
                        "Community Hall", "12 Market Street, Leeds", "LS1 6DT", List.of("HEARING_LOOP")),
                false,
                null,
                List.of("BSL"),
                null,
                null,
                null,
                null);
        send(Topics.EVENTS, eventId, message);
        return message;
    }

    /** Another event like {@code event}, with its own id and title, found by its link only. */
    public static EventMessage unlisted(EventMessage event, String eventId, String title) {
        return new EventMessage(
                UUID.randomUUID(),
                event.type(),
                Instant.now(),
                eventId,
                event.aggregateVersion(),
                event.organisationId(),
                event.status(),
                title,
                event.startsAt(),
                event.endsAt(),
                event.timeZone(),
                event.capacity(),
                event.maxCompanions(),
                event.registrationOpensAt(),
                event.registrationClosesAt(),
                event.venue(),
                event.online(),
                event.onlineLink(),
                event.interpreterLanguages(),
                event.cancellationReason(),
                event.groupLimit(),
                EventMessage.Visibility.UNLISTED,
                null);
    }

    /** The event changed as {@code type} says, at version {@code version}, with the new start. */
    public static EventMessage changed(
            EventMessage event, EventMessageType type, long version, Instant start, String cancellationReason) {
        return new EventMessage(
                UUID.randomUUID(),
                type,
                Instant.now(),
                event.eventId(),
                version,
                event.organisationId(),
                type == EventMessageType.EventCancelled ? EventMessage.Status.CANCELLED : EventMessage.Status.PUBLISHED,
                event.title(),
                start,
                start.plus(Duration.ofHours(4)),
                event.timeZone(),
                event.capacity(),
                event.maxCompanions(),
                event.registrationOpensAt(),
                start,
                event.venue(),
                event.online(),
                event.onlineLink(),
                event.interpreterLanguages(),
                cancellationReason,
                event.groupLimit(),
                event.visibility(),
                null);
    }

    public OrganisationMessage organisation(
            String id, String name, String contactEmail, String replyTo, boolean announce) throws Exception {
        var message = new OrganisationMessage(
                UUID.randomUUID(),
                OrganisationMessageType.OrganisationRegistered,
                Instant.now(),
                id,
                1,
                name,
                contactEmail,
                replyTo,
                "#5b2a86",
                announce);
        send(Topics.ORGANISATIONS, id, message);
        return message;
    }

    /** The same registration after a change, as registrations-service would announce it. */
    public static RegistrationMessage next(
            RegistrationMessage base,
            RegistrationMessageType type,
            RegistrationMessage.Status status,
            long version,
            Instant occurredAt) {
        return new RegistrationMessage(
                UUID.randomUUID(),
                type,
                occurredAt,
                base.eventId(),
                base.registrationId(),
                version,
                status,
                base.attendeeName(),
                base.attendeeEmail(),
                base.seats(),
                base.companions(),
                type == RegistrationMessageType.RegistrationWaitlisted ? 1 : null,
                null,
                base.supportRequested(),
                List.of(),
                java.util.List.of());
    }

    public RegistrationMessage confirmed(String eventId, String email) {
        return new RegistrationMessage(
                UUID.randomUUID(),
                RegistrationMessageType.RegistrationConfirmed,
                Instant.now(),
                eventId,
                UUID.randomUUID().toString(),
                1,
                RegistrationMessage.Status.CONFIRMED,
                "Jordan",
                email,
                2,
                List.of("CARER"),
                null,
                "token-" + UUID.randomUUID(),
                List.of("INTERPRETER_BSL"),
                List.of(),
                java.util.List.of());
    }

    /** The same message for a worker who booked these young people as a group (a seat each), no emails. */
    public static RegistrationMessage withGroup(RegistrationMessage base, List<String> youngPeople) {
        return withGroupMembers(
                base,
                youngPeople.stream()
                        .map(name -> new RegistrationMessage.GroupMember(name, null))
                        .toList());
    }

    /** As above, with the young people's own addresses where the worker gave them for their own emails. */
    public static RegistrationMessage withGroupMembers(
            RegistrationMessage base, List<RegistrationMessage.GroupMember> youngPeople) {
        return new RegistrationMessage(
                base.messageId(),
                base.type(),
                base.occurredAt(),
                base.eventId(),
                base.registrationId(),
                base.aggregateVersion(),
                base.status(),
                base.attendeeName(),
                base.attendeeEmail(),
                base.seats() + youngPeople.size(),
                base.companions(),
                base.waitlistPosition(),
                base.manageToken(),
                base.supportRequested(),
                youngPeople,
                java.util.List.of());
    }

    /** The same message for a person who chose {@code language} and Easy Read or not, asking for {@code support}. */
    public static RegistrationMessage inReading(
            RegistrationMessage base, String language, Boolean easyRead, List<String> support) {
        return new RegistrationMessage(
                base.messageId(),
                base.type(),
                base.occurredAt(),
                base.eventId(),
                base.registrationId(),
                base.aggregateVersion(),
                base.status(),
                base.attendeeName(),
                base.attendeeEmail(),
                base.seats(),
                base.companions(),
                base.waitlistPosition(),
                base.manageToken(),
                support,
                base.groupMembers(),
                base.arranged(),
                language,
                easyRead,
                base.checkInCode());
    }

    /** The same message carrying the person's check-in code, as confirmations and promotions do. */
    public static RegistrationMessage withCheckInCode(RegistrationMessage base, String code) {
        return new RegistrationMessage(
                base.messageId(),
                base.type(),
                base.occurredAt(),
                base.eventId(),
                base.registrationId(),
                base.aggregateVersion(),
                base.status(),
                base.attendeeName(),
                base.attendeeEmail(),
                base.seats(),
                base.companions(),
                base.waitlistPosition(),
                base.manageToken(),
                base.supportRequested(),
                base.groupMembers(),
                base.arranged(),
                base.language(),
                base.easyRead(),
                code);
    }

    /** As the outbox relay sends it: with the traceparent of the work that wrote the message. */
    public void sendTraced(String topic, String key, Object message, String traceparent) throws Exception {
        var record = new ProducerRecord<String, String>(topic, key, json.writeValueAsString(message));
        record.headers().add("traceparent", traceparent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        producer.send(record).get();
    }

    public void send(String topic, String key, Object message) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(message)))
                .get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
