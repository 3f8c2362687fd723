package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.convene.notifications.delivery.persistence.DeliveryRetention;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** What the service knows about people goes 30 days after their event ended; unfinished emails stay. */
@IntegrationTest
class DeliveryRetentionTests {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    DeliveryRetention retention;

    @Test
    void finishedDeliveriesAndRegistrantsOfAnEventLongOverAreRemovedAndOthersKept() {
        var longOver = event(Instant.now().minus(Duration.ofDays(31)));
        var recent = event(Instant.now().minus(Duration.ofDays(29)));
        for (var event : new String[] {longOver, recent}) {
            delivery(event, "SENT");
            delivery(event, "PENDING");
            mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("eventId", event), "registrants")
                    .block();
        }

        retention.run().block();

        assertThat(statuses(longOver)).containsExactly("PENDING");
        assertThat(registrants(longOver)).isZero();
        assertThat(statuses(recent)).containsExactlyInAnyOrder("SENT", "PENDING");
        assertThat(registrants(recent)).isOne();
        retention.run().block();
        assertThat(statuses(longOver)).as("a second run changes nothing").containsExactly("PENDING");
    }

    private String event(Instant endsAt) {
        var id = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", id).append("version", 1L).append("endsAt", Date.from(endsAt)), "event_views")
                .block();
        return id;
    }

    private void delivery(String event, String status) {
        mongo.insert(
                        new Document("_id", "retention-" + UUID.randomUUID())
                                .append("kind", "confirmation")
                                .append("recipient", "someone@example.org")
                                .append("eventId", event)
                                .append("status", status)
                                .append("attempts", 0)
                                // Never due: the test's deliveries are not for the senders.
                                .append("nextAttemptAt", Date.from(Instant.now().plus(Duration.ofDays(3650)))),
                        "deliveries")
                .block();
    }

    private java.util.List<String> statuses(String event) {
        return mongo.find(
                        org.springframework.data.mongodb.core.query.Query.query(
                                org.springframework.data.mongodb.core.query.Criteria.where("eventId")
                                        .is(event)),
                        Document.class,
                        "deliveries")
                .map(found -> found.getString("status"))
                .collectList()
                .block();
    }

    private long registrants(String event) {
        return mongo.count(
                        org.springframework.data.mongodb.core.query.Query.query(
                                org.springframework.data.mongodb.core.query.Criteria.where("eventId")
                                        .is(event)),
                        "registrants")
                .block();
    }
}
