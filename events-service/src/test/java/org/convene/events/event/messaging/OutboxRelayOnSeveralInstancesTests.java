package org.convene.events.event.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.events.event.domain.Audience;
import org.convene.events.event.domain.EventDetails;
import org.convene.events.event.domain.EventFormat;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.Location;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Organiser;
import org.convene.events.event.domain.RegistrationWindow;
import org.convene.events.event.domain.Schedule;
import org.convene.events.event.domain.Visibility;
import org.convene.support.outbox.OutboxProperties;
import org.convene.support.outbox.OutboxRelay;
import org.convene.support.outbox.OutboxWakeUps;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three relays on one collection, as with three instances of the service: every message is
 * published once, and each event's messages stay in order.
 */
@IntegrationTest
class OutboxRelayOnSeveralInstancesTests {

    @Autowired
    EventService events;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @Autowired
    OutboxWakeUps wakeUps;

    @Test
    void threeRelaysPublishEachMessageOnceAndInOrderPerEvent() throws Exception {
        // Woken by the same writes as the service's own relay, and sweeping often: the three race for
        // every document.
        var properties = new OutboxProperties(
                Duration.ofMillis(50), Duration.ofSeconds(3), 5, Duration.ofSeconds(2), 4, Duration.ofSeconds(5));
        var others = List.of(relay(properties), relay(properties));
        others.forEach(OutboxRelay::start);
        var organiser = new Organiser("o", new OrganisationId("org-relays"), false);
        var ids = new ArrayList<String>();
        try (var recorder = TopicRecorder.record(Topics.EVENTS)) {
            for (int i = 0; i < 15; i++) {
                var start = Instant.now().plus(Duration.ofDays(10 + i));
                var event = events.create(organiser, draft(start)).block();
                events.publish(organiser, event.id(), null).block();
                events.changeCapacity(organiser, event.id(), null, 30).block();
                events.reschedule(
                                organiser,
                                event.id(),
                                null,
                                new Schedule(
                                        start.plus(Duration.ofDays(1)),
                                        start.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)),
                                        ZoneId.of("Europe/London")),
                                null)
                        .block();
                ids.add(event.id().value());
            }
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() ->
                            ids.forEach(id -> assertThat(recorder.withKey(id)).hasSizeGreaterThanOrEqualTo(3)));
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> ids.forEach(id -> assertThat(recorder.withKey(id))
                            .as("messages of %s", id)
                            .hasSize(3)));
            var json = JsonMapper.builder().build();
            for (var id : ids) {
                assertThat(recorder.withKey(id))
                        .extracting(received ->
                                json.readTree(received.value()).get("type").asString())
                        .containsExactly("EventPublished", "EventCapacityChanged", "EventRescheduled");
            }
        } finally {
            others.forEach(OutboxRelay::stop);
        }
    }

    private OutboxRelay<EventMessage> relay(OutboxProperties properties) {
        return new OutboxRelay<>(
                mongo,
                kafka,
                wakeUps,
                "events",
                Topics.EVENTS,
                EventMessage.class,
                EventMessage::messageId,
                EventMessage::eventId,
                properties,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private static EventService.Draft draft(Instant start) {
        var details = new EventDetails(
                "Relay test",
                null,
                null,
                EventFormat.MEETING,
                Audience.EVERYONE,
                Set.of(),
                new Location.Venue("Hall", "1 Road", null, Set.of(), null, null),
                null);
        return new EventService.Draft(
                details,
                new Schedule(start, start.plus(Duration.ofHours(2)), ZoneId.of("Europe/London")),
                RegistrationWindow.UNSET,
                20,
                2,
                12,
                Visibility.PUBLIC);
    }
}
