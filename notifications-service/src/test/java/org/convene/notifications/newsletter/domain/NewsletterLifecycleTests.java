package org.convene.notifications.newsletter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.convene.notifications.newsletter.domain.NewsletterChange.Changed;
import org.convene.notifications.newsletter.domain.NewsletterChange.Refused;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The organiser's side of a newsletter's lifecycle as {@link Newsletter} decides it: no store, no Spring. */
class NewsletterLifecycleTests {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofDays(2));

    private static Newsletter draft() {
        return Newsletter.draft(
                "n-1",
                "org-1",
                "organiser-1",
                "  News  ",
                "Hello",
                "<p>Hello</p>",
                Set.of("workshops", "blog-posts"),
                NOW);
    }

    private static Newsletter changed(NewsletterChange change) {
        assertThat(change).isInstanceOf(Changed.class);
        return change.newsletter();
    }

    private static Newsletter scheduled() {
        return changed(draft().schedule(LATER, NOW));
    }

    /** As the sender leaves it: the store changes the state, the organiser's version stays. */
    private static Newsletter in(NewsletterStatus status) {
        var scheduled = scheduled();
        return new Newsletter(
                scheduled.id(),
                scheduled.organisationId(),
                scheduled.subject(),
                scheduled.markdown(),
                scheduled.html(),
                scheduled.topics(),
                status,
                scheduled.sendAt(),
                scheduled.createdBy(),
                scheduled.createdAt(),
                LATER,
                status == NewsletterStatus.SENT ? LATER.plusSeconds(60) : null,
                true,
                3,
                scheduled.version());
    }

    private static void assertRefused(NewsletterChange change, String why) {
        assertThat(change)
                .isInstanceOfSatisfying(
                        Refused.class, refused -> assertThat(refused.why()).isEqualTo(why));
    }

    @Nested
    class Writing {

        @Test
        void aNewNewsletterIsADraftDueNeverAtTheFirstVersion() {
            var draft = draft();

            assertThat(draft.status()).isEqualTo(NewsletterStatus.DRAFT);
            assertThat(draft.sendAt()).isNull();
            assertThat(draft.subject()).isEqualTo("News");
            assertThat(draft.topics()).containsExactly("blog-posts", "workshops");
            assertThat(draft.version()).isEqualTo(1L);
        }

        @Test
        void anAnnouncementIsScheduledForNowNeverADraft() {
            var announcement = Newsletter.dueNow(
                    "announce-e-1",
                    "org-1",
                    "convene",
                    "New workshop",
                    "Come",
                    "<p>Come</p>",
                    Set.of("workshops"),
                    NOW);

            assertThat(announcement.status()).isEqualTo(NewsletterStatus.SCHEDULED);
            assertThat(announcement.sendAt()).isEqualTo(NOW);
        }

        @Test
        void aNewsletterStoredBeforeVersionsIsAtVersionZero() {
            var old = new Newsletter(
                    "n-1",
                    "org-1",
                    "News",
                    "Hello",
                    "<p>Hello</p>",
                    Set.of(),
                    NewsletterStatus.DRAFT,
                    null,
                    "o",
                    NOW,
                    null,
                    null,
                    false,
                    0);

            assertThat(old.version()).isZero();
        }
    }

    @Nested
    class Scheduling {

        @Test
        void aDraftIsScheduledForTheTimeGiven() {
            var scheduled = scheduled();

            assertThat(scheduled.status()).isEqualTo(NewsletterStatus.SCHEDULED);
            assertThat(scheduled.sendAt()).isEqualTo(LATER);
            assertThat(scheduled.version()).isEqualTo(2L);
        }

        @Test
        void noTimeOrAPastOneMeansNow() {
            assertThat(changed(draft().schedule(null, NOW)).sendAt()).isEqualTo(NOW);
            assertThat(changed(draft().schedule(NOW.minusSeconds(1), NOW)).sendAt())
                    .isEqualTo(NOW);
        }

        @Test
        void aScheduledNewsletterIsMovedToAnotherTime() {
            var moved = changed(scheduled().schedule(LATER.plusSeconds(3600), NOW));

            assertThat(moved.status()).isEqualTo(NewsletterStatus.SCHEDULED);
            assertThat(moved.sendAt()).isEqualTo(LATER.plusSeconds(3600));
            assertThat(moved.version()).isEqualTo(3L);
        }

        @Test
        void onceSendingHasStartedOrItIsOverItsTimeIsPastChanging() {
            assertRefused(
                    in(NewsletterStatus.SENDING).schedule(LATER, NOW),
                    "This newsletter is sending; only a draft or scheduled newsletter can be scheduled.");
            assertRefused(
                    in(NewsletterStatus.SENT).schedule(LATER, NOW),
                    "This newsletter is sent; only a draft or scheduled newsletter can be scheduled.");
            assertRefused(
                    in(NewsletterStatus.CANCELLED).schedule(LATER, NOW),
                    "This newsletter is cancelled; only a draft or scheduled newsletter can be scheduled.");
        }
    }

    @Nested
    class Cancelling {

        @Test
        void aScheduledNewsletterIsStoppedBeforeItStarts() {
            var cancelled = changed(scheduled().cancel(NOW));

            assertThat(cancelled.status()).isEqualTo(NewsletterStatus.CANCELLED);
            assertThat(cancelled.finishedAt()).isEqualTo(NOW);
            assertThat(cancelled.version()).isEqualTo(3L);
        }

        @Test
        void aSendingNewsletterIsStoppedAndKeepsWhatTheSenderRecorded() {
            var sending = in(NewsletterStatus.SENDING);

            var cancelled = changed(sending.cancel(LATER.plusSeconds(30)));

            assertThat(cancelled.status()).isEqualTo(NewsletterStatus.CANCELLED);
            assertThat(cancelled.finishedAt()).isEqualTo(LATER.plusSeconds(30));
            assertThat(cancelled.startedAt()).isEqualTo(sending.startedAt());
            assertThat(cancelled.recipients()).isEqualTo(3);
        }

        @Test
        void aDraftHasNothingToStop() {
            assertRefused(
                    draft().cancel(NOW),
                    "This newsletter is draft; only a scheduled or sending newsletter can be cancelled.");
        }

        @Test
        void aSentOrCancelledNewsletterIsFinal() {
            assertRefused(
                    in(NewsletterStatus.SENT).cancel(NOW),
                    "This newsletter is sent; only a scheduled or sending newsletter can be cancelled.");
            var cancelled = changed(scheduled().cancel(NOW));
            assertRefused(
                    cancelled.cancel(NOW.plusSeconds(1)),
                    "This newsletter is cancelled; only a scheduled or sending newsletter can be cancelled.");
        }
    }
}
