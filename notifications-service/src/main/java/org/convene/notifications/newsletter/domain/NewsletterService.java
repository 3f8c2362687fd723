package org.convene.notifications.newsletter.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.convene.notifications.subscription.domain.NewsletterTopics;
import org.convene.support.text.RichText;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Organisers write, preview, test, schedule and cancel their organisation's newsletters; each
 * sees only their own organisation's. The Markdown is kept; the HTML sent is always sanitised.
 */
public class NewsletterService {

    private final Newsletters newsletters;
    private final NewsletterTestSends tests;
    private final Clock clock;

    public NewsletterService(Newsletters newsletters, NewsletterTestSends tests, Clock clock) {
        this.newsletters = newsletters;
        this.tests = tests;
        this.clock = clock;
    }

    public record Draft(String subject, String markdown, Set<String> topics) {}

    public record WithProgress(Newsletter newsletter, Progress progress) {}

    public Mono<Newsletter> create(Organiser organiser, Draft draft) {
        var newsletter = draftOf(
                UUID.randomUUID().toString(), organiser.organisationId(), organiser.subject(), draft, clock.instant());
        return newsletters.insert(newsletter).thenReturn(newsletter);
    }

    public Mono<WithProgress> find(Organiser organiser, String id) {
        return newsletters
                .find(organiser.organisationId(), id)
                .switchIfEmpty(Mono.error(NewsletterNotFound::new))
                .flatMap(found -> newsletters.progress(found).map(progress -> new WithProgress(found, progress)));
    }

    public Flux<Newsletter> list(Organiser organiser) {
        return newsletters.list(organiser.organisationId());
    }

    public Mono<Void> sendTest(Organiser organiser, String id) {
        if (organiser.email() == null || organiser.email().isBlank()) {
            return Mono.error(new NoAddressForTest());
        }
        return find(organiser, id).flatMap(found -> tests.send(found.newsletter(), organiser.email(), clock.instant()));
    }

    /** Now when {@code sendAt} is absent or past. */
    public Mono<Newsletter> schedule(Organiser organiser, String id, Instant sendAt) {
        var now = clock.instant();
        var when = sendAt == null || sendAt.isBefore(now) ? now : sendAt;
        return find(organiser, id)
                .flatMap(found -> newsletters
                        .schedule(organiser.organisationId(), id, when)
                        .switchIfEmpty(Mono.error(new NewsletterStateConflict("This newsletter is "
                                + found.newsletter().status().name().toLowerCase()
                                + "; only a draft or scheduled newsletter can be scheduled."))));
    }

    public Mono<Newsletter> cancel(Organiser organiser, String id) {
        return find(organiser, id)
                .flatMap(found -> newsletters
                        .cancel(organiser.organisationId(), id, clock.instant())
                        .switchIfEmpty(Mono.error(new NewsletterStateConflict("This newsletter is "
                                + found.newsletter().status().name().toLowerCase()
                                + "; only a scheduled or sending newsletter can be cancelled."))));
    }

    /**
     * A newly published workshop told to the subscribers of its topic, when the organisation asks
     * for that. The id comes from the event, so the same announcement made twice sends once.
     */
    public Mono<Void> announce(String organisationId, String eventId, String subject, String markdown) {
        var now = clock.instant();
        var draft = new Draft(subject, markdown, Set.of(NewsletterTopics.WORKSHOPS));
        var announcement = draftOf("announce-" + eventId, organisationId, "convene", draft, now);
        return newsletters
                .insert(new Newsletter(
                        announcement.id(),
                        announcement.organisationId(),
                        announcement.subject(),
                        announcement.markdown(),
                        announcement.html(),
                        announcement.topics(),
                        NewsletterStatus.SCHEDULED,
                        now,
                        announcement.createdBy(),
                        now,
                        null,
                        null,
                        false,
                        0))
                .then();
    }

    private static Newsletter draftOf(String id, String organisationId, String author, Draft draft, Instant now) {
        return new Newsletter(
                id,
                organisationId,
                draft.subject().strip(),
                draft.markdown(),
                RichText.toSafeHtml(draft.markdown()),
                new TreeSet<>(draft.topics()),
                NewsletterStatus.DRAFT,
                null,
                author,
                now,
                null,
                null,
                false,
                0);
    }
}
