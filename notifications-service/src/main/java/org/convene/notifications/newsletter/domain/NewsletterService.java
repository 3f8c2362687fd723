package org.convene.notifications.newsletter.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.convene.notifications.subscription.domain.NewsletterTopics;
import org.convene.support.text.RichText;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Organisers write, preview, test, schedule and cancel their organisation's newsletters, as {@link Newsletter}
 * decides; each sees only their own organisation's. The Markdown is kept; the HTML sent is always sanitised.
 */
public class NewsletterService {

    /** Organisers rarely change one newsletter at once, and the sender at most twice: a few tries settle it. */
    private static final int CONFLICT_RETRIES = 5;

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
        var newsletter = Newsletter.draft(
                UUID.randomUUID().toString(),
                organiser.organisationId(),
                organiser.subject(),
                draft.subject(),
                draft.markdown(),
                safeHtml(draft.markdown()),
                draft.topics(),
                clock.instant());
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
        var email = organiser.email();
        if (email == null || email.isBlank()) {
            return Mono.error(new NoAddressForTest());
        }
        return sendTest(organiser, id, email);
    }

    private Mono<Void> sendTest(Organiser organiser, String id, String email) {
        return find(organiser, id).flatMap(found -> tests.send(found.newsletter(), email, clock.instant()));
    }

    /** Now when {@code sendAt} is absent or past. */
    public Mono<Newsletter> schedule(Organiser organiser, String id, @Nullable Instant sendAt) {
        var now = clock.instant();
        return decide(organiser, id, found -> found.schedule(sendAt, now));
    }

    public Mono<Newsletter> cancel(Organiser organiser, String id) {
        var now = clock.instant();
        return decide(organiser, id, found -> found.cancel(now))
                .flatMap(cancelled -> newsletters.cancelPending(id).thenReturn(cancelled));
    }

    /**
     * A newly published workshop told to the subscribers of its topic, when the organisation asks
     * for that. The id comes from the event, so the same announcement made twice sends once.
     */
    public Mono<Void> announce(String organisationId, String eventId, String subject, String markdown) {
        var announcement = Newsletter.dueNow(
                "announce-" + eventId,
                organisationId,
                "convene",
                subject,
                markdown,
                safeHtml(markdown),
                Set.of(NewsletterTopics.WORKSHOPS),
                clock.instant());
        return newsletters.insert(announcement).then();
    }

    /** Sanitised HTML is missing only for missing Markdown, which a newsletter never has. */
    private static String safeHtml(String markdown) {
        var html = RichText.toSafeHtml(markdown);
        return html == null ? "" : html;
    }

    /**
     * Reads the organisation's newsletter, lets its rule decide and stores the change only if nobody stored
     * another meanwhile (another organiser, or the sender starting or finishing it); if somebody did, reads and
     * decides again from what they left.
     */
    private Mono<Newsletter> decide(Organiser organiser, String id, Function<Newsletter, NewsletterChange> rule) {
        return Mono.defer(() -> newsletters
                        .find(organiser.organisationId(), id)
                        .switchIfEmpty(Mono.error(NewsletterNotFound::new))
                        .flatMap(found -> switch (rule.apply(found)) {
                            case NewsletterChange.Changed changed -> newsletters.update(found, changed.newsletter());
                            case NewsletterChange.Refused refused ->
                                Mono.<Newsletter>error(new NewsletterStateConflict(refused.why()));
                        }))
                .retryWhen(Retry.max(CONFLICT_RETRIES).filter(NewsletterChanged.class::isInstance));
    }
}
