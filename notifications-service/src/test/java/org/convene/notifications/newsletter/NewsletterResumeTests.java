package org.convene.notifications.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.contracts.organisations.OrganisationMessageType;
import org.convene.notifications.Inbox;
import org.convene.notifications.SecondInstance;
import org.convene.notifications.newsletter.domain.NewsletterService;
import org.convene.notifications.newsletter.domain.NewsletterStatus;
import org.convene.notifications.newsletter.domain.Organiser;
import org.convene.notifications.organisation.persistence.OrganisationViews;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriberStatus;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * A newsletter to 2,000 confirmed subscribers; the service is shut down while it goes out and
 * started again on the same database: everyone gets exactly one copy, nobody unconfirmed or
 * unsubscribed gets any, and the progress ends at 2,000 sent.
 */
class NewsletterResumeTests {

    private static final int CONFIRMED = 2_000;

    @Test
    void aNewsletterResumedAfterAShutdownReachesEveryoneOnceAndNobodyElse() {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var database = "resume-" + tag;
        var organisation = "resume-" + tag;
        var organiser = new Organiser("organiser@" + organisation, organisation, null, false);
        var uri = TestInfrastructure.shared().mongoUri(database);
        var inbox = Inbox.shared();

        var first = start(uri, database);
        var newsletters = first.getBean(NewsletterService.class);
        first.getBean(OrganisationViews.class)
                .apply(new OrganisationMessage(
                        UUID.randomUUID(),
                        OrganisationMessageType.OrganisationRegistered,
                        Instant.now(),
                        organisation,
                        1,
                        "Resume Trust",
                        "team@resume.example",
                        null,
                        null,
                        false))
                .block();
        var subscribers = new ArrayList<Subscriber>();
        IntStream.range(0, CONFIRMED)
                .forEach(i ->
                        subscribers.add(subscriber(organisation, "s" + i + "-" + tag, SubscriberStatus.CONFIRMED)));
        IntStream.range(0, 20)
                .forEach(i -> subscribers.add(subscriber(organisation, "p" + i + "-" + tag, SubscriberStatus.PENDING)));
        IntStream.range(0, 20)
                .forEach(i ->
                        subscribers.add(subscriber(organisation, "u" + i + "-" + tag, SubscriberStatus.UNSUBSCRIBED)));
        first.getBean(ReactiveMongoTemplate.class)
                .insert(subscribers, "subscribers")
                .blockLast();

        var newsletter = newsletters
                .create(
                        organiser,
                        new NewsletterService.Draft("Big news " + tag, "Hello **everyone**", Set.of("workshops")))
                .block();
        newsletters.schedule(organiser, newsletter.id(), null).block();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> received(inbox, tag) >= 400);
        first.close();
        var beforeRestart = received(inbox, tag);
        assertThat(beforeRestart).as("stopped midway").isLessThan(CONFIRMED);

        try (var second = start(uri, database)) {
            var resumed = second.getBean(NewsletterService.class);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> resumed.find(organiser, newsletter.id())
                                    .block()
                                    .newsletter()
                                    .status()
                            == NewsletterStatus.SENT);
            var result = resumed.find(organiser, newsletter.id()).block();
            assertThat(result.progress().sent()).isEqualTo(CONFIRMED);
            assertThat(result.progress().remaining()).isZero();
            assertThat(result.progress().failed()).isZero();
            assertThat(result.newsletter().recipients()).isEqualTo(CONFIRMED);
        }

        var counts = inbox.countsByRecipient();
        for (int i = 0; i < CONFIRMED; i++) {
            assertThat(counts.get("s" + i + "-" + tag + "@resume.example"))
                    .as("copies to subscriber " + i)
                    .isEqualTo(1L);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(counts).doesNotContainKey("p" + i + "-" + tag + "@resume.example");
            assertThat(counts).doesNotContainKey("u" + i + "-" + tag + "@resume.example");
        }
    }

    private static ConfigurableApplicationContext start(String uri, String database) {
        return SecondInstance.start(
                uri,
                "resume-" + database,
                // Only the newsletter is exercised: no messages are consumed into this database.
                "--spring.kafka.listener.auto-startup=false",
                "--convene.notifications.newsletter.rate-per-second=400",
                "--convene.notifications.newsletter.dispatch-every=100ms");
    }

    private static long received(Inbox inbox, String tag) {
        return inbox.countsByRecipient().entrySet().stream()
                .filter(entry -> entry.getKey().contains("-" + tag + "@resume.example"))
                .mapToLong(java.util.Map.Entry::getValue)
                .sum();
    }

    private static Subscriber subscriber(String organisation, String local, SubscriberStatus status) {
        var now = Instant.now();
        return new Subscriber(
                local,
                organisation,
                local + "@resume.example",
                null,
                Set.of("workshops"),
                status,
                UUID.randomUUID().toString().replace("-", ""),
                now,
                status == SubscriberStatus.CONFIRMED ? now : null,
                status == SubscriberStatus.UNSUBSCRIBED ? now : null,
                now);
    }
}
