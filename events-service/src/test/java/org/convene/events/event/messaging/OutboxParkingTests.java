package org.convene.events.event.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A message the broker can never accept is parked for an operator; the messages after it still go out. */
@IntegrationTest
class OutboxParkingTests {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void aMessageTooLargeForTheBrokerIsParkedAndTheNextOneIsPublished() throws Exception {
        var eventId = UUID.randomUUID().toString();
        var huge = message(eventId, 2, "x".repeat(1_500_000));
        var normal = message(eventId, 3, "A normal title");
        try (var recorder = TopicRecorder.record(Topics.EVENTS)) {
            mongo.insert(
                            new Document("_id", eventId)
                                    .append(
                                            "outbox",
                                            List.of(
                                                    mongo.getConverter().convertToMongoType(huge),
                                                    mongo.getConverter().convertToMongoType(normal))),
                            "events")
                    .block();

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(recorder.withKey(eventId)).hasSize(1));
            var published = JsonMapper.builder()
                    .build()
                    .readTree(recorder.withKey(eventId).getFirst().value());
            assertThat(published.get("aggregateVersion").asLong()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var stored = mongo.findById(eventId, Document.class, "events").block();
                assertThat(stored.getList("outbox", Document.class)).isEmpty();
                assertThat(stored.getList("parkedOutbox", Document.class)).hasSize(1);
            });
        }
    }

    private static EventMessage message(String eventId, long version, String title) {
        var start = Instant.now().plus(Duration.ofDays(3));
        return new EventMessage(
                UUID.randomUUID(),
                EventMessageType.EventUpdated,
                Instant.now(),
                eventId,
                version,
                "org-parking",
                EventMessage.Status.PUBLISHED,
                title,
                start,
                start.plus(Duration.ofHours(1)),
                "UTC",
                10,
                2,
                Instant.now(),
                start,
                null,
                false,
                null,
                List.of(),
                null,
                null,
                null,
                null);
    }
}
