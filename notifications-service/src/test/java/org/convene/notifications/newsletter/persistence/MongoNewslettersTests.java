package org.convene.notifications.newsletter.persistence;

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
import org.convene.notifications.newsletter.domain.NewsletterChanged;
import org.convene.notifications.newsletter.domain.NewsletterStatus;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The organiser's changes on the real store: a newsletter stored before versions reads as version 0; a change
 * decided from a state the sender or another organiser has since changed is refused; the sender's fields stay.
 */
class MongoNewslettersTests {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private MongoClient client;
    private MongoNewsletters newsletters;

    @BeforeEach
    void store() {
        var database = "newsletters-" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(TestInfrastructure.shared().mongoUri(database));
        var mongo = new ReactiveMongoTemplate(client, database);
        newsletters = new MongoNewsletters(mongo, new NewsletterDeliveries(mongo));
        // As stored before versions: no version field.
        mongo.insert(
                        new Document("_id", "n-1")
                                .append("organisationId", "org-1")
                                .append("subject", "News")
                                .append("markdown", "Hello")
                                .append("html", "<p>Hello</p>")
                                .append("topics", List.of("workshops"))
                                .append("status", "SCHEDULED")
                                .append("sendAt", Date.from(NOW.plusSeconds(3600)))
                                .append("createdBy", "organiser-1")
                                .append("createdAt", Date.from(NOW))
                                .append("planned", false)
                                .append("recipients", 0L),
                        MongoNewsletters.COLLECTION)
                .block();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aNewsletterStoredBeforeVersionsIsRescheduledOnceAndAStaleChangeIsRefused() {
        var read = newsletters.find("org-1", "n-1").block();
        assertThat(read.version()).isZero();

        newsletters
                .update(read, read.schedule(NOW.plusSeconds(7200), NOW).newsletter())
                .block();

        assertThatThrownBy(() ->
                        newsletters.update(read, read.cancel(NOW).newsletter()).block())
                .isInstanceOf(NewsletterChanged.class);
        var stored = newsletters.find("n-1").block();
        assertThat(stored.status()).isEqualTo(NewsletterStatus.SCHEDULED);
        assertThat(stored.sendAt()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(stored.version()).isEqualTo(1L);
    }

    @Test
    void aCancelDecidedBeforeTheSenderFinishedIsRefusedAndTheSendersFieldsStay() {
        newsletters.startSending("n-1", NOW).block();
        newsletters.planned("n-1", 3).block();
        var sending = newsletters.find("n-1").block();
        newsletters.finish("n-1", NOW.plusSeconds(60)).block();

        assertThatThrownBy(() -> newsletters
                        .update(sending, sending.cancel(NOW.plusSeconds(30)).newsletter())
                        .block())
                .isInstanceOf(NewsletterChanged.class);
        assertThat(newsletters.find("n-1").block().status()).isEqualTo(NewsletterStatus.SENT);
    }

    @Test
    void aCancelWhileSendingKeepsWhatTheSenderRecorded() {
        newsletters.startSending("n-1", NOW).block();
        newsletters.planned("n-1", 3).block();
        var sending = newsletters.find("n-1").block();

        newsletters
                .update(sending, sending.cancel(NOW.plusSeconds(30)).newsletter())
                .block();

        var stored = newsletters.find("n-1").block();
        assertThat(stored.status()).isEqualTo(NewsletterStatus.CANCELLED);
        assertThat(stored.finishedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(stored.startedAt()).isEqualTo(NOW);
        assertThat(stored.planned()).isTrue();
        assertThat(stored.recipients()).isEqualTo(3);
    }
}
