package org.convene.notifications.subscription.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.convene.notifications.subscription.domain.SubscriberChange;
import org.convene.notifications.subscription.domain.SubscriberChanged;
import org.convene.notifications.subscription.domain.SubscriberStatus;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The version check on the real store: a subscriber stored before versions reads as version 0 and changes once;
 * a change decided from a state someone has since replaced is refused, never stored over theirs.
 */
class MongoSubscribersTests {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private MongoClient client;
    private ReactiveMongoTemplate mongo;
    private MongoSubscribers subscribers;

    @BeforeEach
    void store() {
        var database = "subscribers-" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(TestInfrastructure.shared().mongoUri(database));
        mongo = new ReactiveMongoTemplate(client, database);
        subscribers = new MongoSubscribers(mongo);
        // As stored before versions (and before languages): no version field.
        mongo.insert(
                        new Document("_id", "s-1")
                                .append("organisationId", "org-1")
                                .append("email", "ada@example.org")
                                .append("topics", List.of("workshops"))
                                .append("status", "PENDING")
                                .append("token", "token-1")
                                .append("subscribedAt", Date.from(NOW))
                                .append("lastConfirmationSentAt", Date.from(NOW)),
                        MongoSubscribers.COLLECTION)
                .block();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aSubscriberStoredBeforeVersionsIsChangedOnceAndAStaleChangeIsRefused() {
        var read = subscribers.byToken("token-1").block();
        assertThat(read.version()).isZero();

        var confirmed = read.confirm("token-1", NOW.plusSeconds(60)).subscriber();
        subscribers.update(read, confirmed).block();
        var left = read.leave("token-1", NOW.plusSeconds(60));

        assertThatThrownBy(() -> subscribers.update(read, left.subscriber()).block())
                .isInstanceOf(SubscriberChanged.class);
        var stored = subscribers.byId("s-1").block();
        assertThat(stored.status()).isEqualTo(SubscriberStatus.CONFIRMED);
        assertThat(stored.confirmedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(stored.unsubscribedAt()).isNull();
        assertThat(stored.version()).isEqualTo(1L);
        assertThat(stored.email()).isEqualTo("ada@example.org");
    }

    @Test
    void aStaleEraseIsRefusedAndACurrentOneRemoves() {
        var read = subscribers.byToken("token-1").block();
        var changed = read.changePreferences("token-1", "Ada", java.util.Set.of("podcasts"), "cy", true);
        subscribers
                .update(read, ((SubscriberChange.Changed) changed).subscriber())
                .block();

        assertThatThrownBy(() -> subscribers.remove(read).block()).isInstanceOf(SubscriberChanged.class);
        var current = subscribers.byId("s-1").block();
        assertThat(current.language()).isEqualTo("cy");

        subscribers.remove(current).block();

        assertThat(subscribers.byId("s-1").block()).isNull();
    }
}
