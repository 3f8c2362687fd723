package org.convene.notifications.subscription.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.convene.notifications.subscription.domain.SubscriberChange.Changed;
import org.convene.notifications.subscription.domain.SubscriberChange.Refusal;
import org.convene.notifications.subscription.domain.SubscriberChange.Refused;
import org.convene.notifications.subscription.domain.SubscriberChange.Unchanged;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Double opt-in as {@link Subscriber} decides it: every allowed and refused step, no store, no Spring. */
class SubscriberTests {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration PAUSE = Duration.ofHours(1);
    private static final String TOKEN = "token-1";

    private static Subscriber pending() {
        return Subscriber.subscribe(
                "id-1", "org-1", "ada@example.org", "Ada", Set.of("workshops"), "cy", true, TOKEN, T0);
    }

    private static Subscriber changed(SubscriberChange change) {
        assertThat(change).isInstanceOf(Changed.class);
        return change.subscriber();
    }

    private static Subscriber confirmed() {
        return changed(pending().confirm(TOKEN, T0.plusSeconds(60)));
    }

    private static Subscriber gone(Subscriber subscriber, Instant at) {
        return changed(subscriber.leave(TOKEN, at));
    }

    private static void assertRefused(SubscriberChange change, Refusal why) {
        assertThat(change)
                .isInstanceOfSatisfying(
                        Refused.class, refused -> assertThat(refused.why()).isEqualTo(why));
    }

    @Nested
    class Subscribing {

        @Test
        void aNewAddressIsPendingAskedNowAtTheFirstVersion() {
            var fresh = pending();

            assertThat(fresh.status()).isEqualTo(SubscriberStatus.PENDING);
            assertThat(fresh.lastConfirmationSentAt()).isEqualTo(T0);
            assertThat(fresh.subscribedAt()).isEqualTo(T0);
            assertThat(fresh.version()).isEqualTo(1L);
            assertThat(fresh.receivesNewsletters()).isFalse();
            assertThat(fresh.language()).isEqualTo("cy");
            assertThat(fresh.wantsEasyRead()).isTrue();
        }

        @Test
        void aSubscriberStoredBeforeVersionsIsAtVersionZeroAndBeforeLanguagesInEnglish() {
            var old = new Subscriber(
                    "id-1",
                    "org-1",
                    "ada@example.org",
                    null,
                    Set.of(),
                    SubscriberStatus.PENDING,
                    TOKEN,
                    T0,
                    null,
                    null,
                    T0);

            assertThat(old.version()).isZero();
            assertThat(old.language()).isEqualTo(Subscriber.DEFAULT_LANGUAGE);
            assertThat(old.wantsEasyRead()).isFalse();
        }
    }

    @Nested
    class AskingAgain {

        @Test
        void aPendingAddressIsAskedAgainAfterThePauseWithTheSameLinkAndWhatItGivesNow() {
            var asked = changed(pending()
                    .askAgain(
                            "Ada L",
                            Set.of("training"),
                            "en-GB",
                            false,
                            "token-2",
                            T0.plus(PAUSE).plusSeconds(1),
                            PAUSE));

            assertThat(asked.status()).isEqualTo(SubscriberStatus.PENDING);
            assertThat(asked.token()).isEqualTo(TOKEN);
            assertThat(asked.subscribedAt()).isEqualTo(T0);
            assertThat(asked.lastConfirmationSentAt()).isEqualTo(T0.plus(PAUSE).plusSeconds(1));
            assertThat(asked.name()).isEqualTo("Ada L");
            assertThat(asked.topics()).containsExactly("training");
            assertThat(asked.language()).isEqualTo("en-GB");
            assertThat(asked.wantsEasyRead()).isFalse();
            assertThat(asked.version()).isEqualTo(2L);
        }

        @Test
        void aPendingAddressIsNotAskedAgainWithinThePause() {
            var change = pending().askAgain("Ada", Set.of("workshops"), "cy", true, "token-2", T0.plus(PAUSE), PAUSE);

            assertRefused(change, Refusal.ASKED_RECENTLY);
            assertThat(change.subscriber()).isEqualTo(pending());
        }

        @Test
        void aConfirmedAddressIsNeverAskedAgain() {
            var change = confirmed()
                    .askAgain("Ada", Set.of("workshops"), "cy", true, "token-2", T0.plus(Duration.ofDays(30)), PAUSE);

            assertRefused(change, Refusal.CONFIRMED_ALREADY);
            assertThat(change.subscriber().status()).isEqualTo(SubscriberStatus.CONFIRMED);
        }

        @Test
        void whoLeftAndComesBackAfterThePauseStartsOverPendingWithANewLink() {
            var left = gone(confirmed(), T0.plusSeconds(120));
            var back = T0.plus(PAUSE).plusSeconds(1);

            var again = changed(left.askAgain("Ada", Set.of("workshops"), "cy", true, "token-2", back, PAUSE));

            assertThat(again.status()).isEqualTo(SubscriberStatus.PENDING);
            assertThat(again.token()).isEqualTo("token-2");
            assertThat(again.subscribedAt()).isEqualTo(back);
            assertThat(again.confirmedAt()).isNull();
            assertThat(again.unsubscribedAt()).isNull();
            assertThat(again.receivesNewsletters()).isFalse();
            assertRefused(again.confirm(TOKEN, back), Refusal.WRONG_TOKEN);
        }

        @Test
        void whoLeftIsNotAskedAgainWithinThePause() {
            var left = gone(pending(), T0.plusSeconds(1));

            assertRefused(
                    left.askAgain("Ada", Set.of("workshops"), "cy", true, "token-2", T0.plusSeconds(2), PAUSE),
                    Refusal.ASKED_RECENTLY);
        }
    }

    @Nested
    class Confirming {

        @Test
        void theRightTokenConfirmsAPendingAddressAndOnlyThenNewslettersCome() {
            var confirmed = changed(pending().confirm(TOKEN, T0.plusSeconds(60)));

            assertThat(confirmed.status()).isEqualTo(SubscriberStatus.CONFIRMED);
            assertThat(confirmed.confirmedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(confirmed.receivesNewsletters()).isTrue();
            assertThat(confirmed.version()).isEqualTo(2L);
        }

        @Test
        void aWrongOrBlankTokenConfirmsNothing() {
            assertRefused(pending().confirm("token-2", T0), Refusal.WRONG_TOKEN);
            assertRefused(pending().confirm("", T0), Refusal.WRONG_TOKEN);
            assertRefused(pending().confirm(null, T0), Refusal.WRONG_TOKEN);
        }

        @Test
        void confirmingAgainChangesNothing() {
            var confirmed = confirmed();

            var again = confirmed.confirm(TOKEN, T0.plus(Duration.ofDays(1)));

            assertThat(again).isEqualTo(new Unchanged(confirmed));
        }

        @Test
        void anOldLinkDoesNotBringBackWhoLeft() {
            assertRefused(gone(confirmed(), T0.plusSeconds(120)).confirm(TOKEN, T0.plusSeconds(180)), Refusal.ENDED);
        }
    }

    @Nested
    class ChangingPreferences {

        @Test
        void takesNameAndTopicsAndKeepsLanguageAndEasyReadUnlessGiven() {
            var kept = changed(confirmed().changePreferences(TOKEN, "Ada L", Set.of("podcasts"), null, null));

            assertThat(kept.name()).isEqualTo("Ada L");
            assertThat(kept.topics()).containsExactly("podcasts");
            assertThat(kept.language()).isEqualTo("cy");
            assertThat(kept.wantsEasyRead()).isTrue();
            assertThat(kept.status()).isEqualTo(SubscriberStatus.CONFIRMED);

            var changed = changed(kept.changePreferences(TOKEN, "Ada L", Set.of("podcasts"), "ar", false));

            assertThat(changed.language()).isEqualTo("ar");
            assertThat(changed.wantsEasyRead()).isFalse();
        }

        @Test
        void aWrongTokenChangesNothing() {
            assertRefused(pending().changePreferences("token-2", "Eve", Set.of(), null, null), Refusal.WRONG_TOKEN);
        }
    }

    @Nested
    class Leaving {

        @Test
        void aConfirmedAddressLeavesInOneStep() {
            var left = gone(confirmed(), T0.plusSeconds(120));

            assertThat(left.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
            assertThat(left.unsubscribedAt()).isEqualTo(T0.plusSeconds(120));
            assertThat(left.confirmedAt()).as("kept for the record").isEqualTo(T0.plusSeconds(60));
            assertThat(left.receivesNewsletters()).isFalse();
        }

        @Test
        void aPendingAddressCanLeaveToo() {
            assertThat(gone(pending(), T0.plusSeconds(1)).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        }

        @Test
        void leavingAgainChangesNothing() {
            var left = gone(confirmed(), T0.plusSeconds(120));

            assertThat(left.leave(TOKEN, T0.plusSeconds(300))).isEqualTo(new Unchanged(left));
        }

        @Test
        void aWrongTokenLeavesNothing() {
            assertRefused(confirmed().leave("token-2", T0), Refusal.WRONG_TOKEN);
        }
    }

    @Nested
    class Erasing {

        @Test
        void whoHoldsTheTokenErasesInAnyState() {
            for (var subscriber : new Subscriber[] {pending(), confirmed(), gone(confirmed(), T0.plusSeconds(120))}) {
                assertThat(subscriber.erase(TOKEN)).isEqualTo(new Changed(subscriber));
            }
        }

        @Test
        void aWrongTokenErasesNothing() {
            assertRefused(confirmed().erase("token-2"), Refusal.WRONG_TOKEN);
        }
    }
}
