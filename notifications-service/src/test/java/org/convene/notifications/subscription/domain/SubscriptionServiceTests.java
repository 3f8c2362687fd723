package org.convene.notifications.subscription.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Double opt-in (invariant 4) as {@link SubscriptionService} applies it, driven through its ports with in-memory
 * fakes: no store, no Spring, milliseconds. Who may become what is {@link SubscriberStatusTests}'; this is the service
 * asking, confirming and letting people go, and what each step leaves them able to receive. That the newsletter's
 * sender also checks each subscriber is still confirmed, against the real store, is {@code NewsletterTests}'.
 */
class SubscriptionServiceTests {

    private static final String ORGANISATION = "org-1";
    private static final Duration RESEND_AFTER = Duration.ofMinutes(10);

    /** A clock the test moves on. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The emails asking to confirm, as they would be queued. */
    private record Asked(String email, String token, Instant at) {}

    private final TestClock clock = new TestClock();
    private final InMemorySubscribers subscribers = new InMemorySubscribers();
    private final List<Asked> asked = new ArrayList<>();
    private final List<String> forgotten = new ArrayList<>();

    private final SubscriptionEmails emails = new SubscriptionEmails() {
        @Override
        public Mono<Void> askToConfirm(Subscriber subscriber, Instant askedAt) {
            return Mono.fromRunnable(() -> asked.add(new Asked(subscriber.email(), subscriber.token(), askedAt)));
        }

        @Override
        public Mono<Void> forget(Subscriber subscriber) {
            return Mono.fromRunnable(() -> forgotten.add(subscriber.email()));
        }
    };

    private final SubscriberHistory history = new SubscriberHistory() {
        @Override
        public Flux<Received> of(String subscriberId) {
            return Flux.empty();
        }

        @Override
        public Mono<Void> forget(String subscriberId) {
            return Mono.empty();
        }
    };

    private final SubscriptionService service = new SubscriptionService(
            subscribers,
            organisation -> Mono.just(ORGANISATION.equals(organisation)),
            emails,
            history,
            clock,
            RESEND_AFTER);

    private void subscribe(String email) {
        service.subscribe(ORGANISATION, email, "Ada", Set.of("events")).block();
    }

    /** The token of the last email asking this address to confirm. */
    private String lastTokenSentTo(String email) {
        return asked.stream()
                .filter(ask -> ask.email().equals(email))
                .reduce((first, second) -> second)
                .orElseThrow()
                .token();
    }

    private Subscriber subscriber(String token) {
        return service.find(token).block();
    }

    private boolean receivesNewsletters(String token) {
        return subscriber(token).status().receivesNewsletters();
    }

    @Nested
    class Subscribing {

        @Test
        void asksANewAddressToConfirmAndSendsItNothingElseYet() {
            subscribe("ada@example.org");

            assertThat(asked).singleElement().satisfies(ask -> {
                assertThat(ask.email()).isEqualTo("ada@example.org");
                assertThat(ask.at()).isEqualTo(clock.instant());
            });
            var token = lastTokenSentTo("ada@example.org");
            assertThat(subscriber(token).status()).isEqualTo(SubscriberStatus.PENDING);
            assertThat(receivesNewsletters(token)).as("not before confirming").isFalse();
        }

        @Test
        void oneAddressIsOnAListOnceWhateverItsCaseOrSpaces() {
            subscribe("ada@example.org");
            clock.advance(RESEND_AFTER.plusSeconds(1));

            subscribe("  ADA@Example.org ");

            assertThat(subscribers.all())
                    .singleElement()
                    .satisfies(subscriber -> assertThat(subscriber.email()).isEqualTo("ada@example.org"));
            assertThat(asked)
                    .extracting(Asked::token)
                    .as("asked again, same link")
                    .containsOnly(lastTokenSentTo("ada@example.org"));
        }

        @Test
        void anAddressIsAskedAgainOnlyAfterAPause() {
            subscribe("ada@example.org");
            clock.advance(RESEND_AFTER.minusSeconds(1));

            subscribe("ada@example.org");

            assertThat(asked).as("answered the same, but not asked twice").hasSize(1);

            clock.advance(Duration.ofSeconds(2));
            subscribe("ada@example.org");

            assertThat(asked).hasSize(2);
        }

        @Test
        void aConfirmedAddressIsNotAskedAgainAndStaysConfirmed() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");
            service.confirm(token).block();
            clock.advance(RESEND_AFTER.plusSeconds(1));

            subscribe("ada@example.org");

            assertThat(asked).hasSize(1);
            assertThat(subscriber(token).status()).isEqualTo(SubscriberStatus.CONFIRMED);
        }

        @Test
        void anUnknownOrganisationsListCannotBeJoined() {
            assertThatThrownBy(() -> service.subscribe("org-unknown", "ada@example.org", "Ada", Set.of("events"))
                            .block())
                    .isInstanceOf(UnknownOrganisation.class);
            assertThat(subscribers.all()).isEmpty();
            assertThat(asked).isEmpty();
        }
    }

    @Nested
    class Racing {

        @Test
        void twoRequestsAskingAgainAtOnceSendOneEmailTheLoserDecidesAgainFromWhatTheWinnerLeft() {
            subscribe("ada@example.org");
            clock.advance(RESEND_AFTER.plusSeconds(1));
            subscribers.beforeNextUpdate(() -> subscribe("ada@example.org"));

            subscribe("ada@example.org");

            assertThat(asked).as("the first time, then once for the two").hasSize(2);
        }

        @Test
        void aConfirmationThatLosesToALeaveDoesNotUndoIt() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");
            subscribers.beforeNextUpdate(() -> service.unsubscribe(token).block());

            assertThatThrownBy(() -> service.confirm(token).block()).isInstanceOf(SubscriptionEnded.class);
            assertThat(subscriber(token).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        }
    }

    @Nested
    class Confirming {

        @Test
        void theTokenFromTheEmailConfirmsAndOnlyThenNewslettersCome() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");

            var confirmed = service.confirm(token).block();

            assertThat(confirmed.status()).isEqualTo(SubscriberStatus.CONFIRMED);
            assertThat(confirmed.confirmedAt()).isEqualTo(clock.instant());
            assertThat(receivesNewsletters(token)).isTrue();
        }

        @Test
        void confirmingTwiceAnswersTheSame() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");
            var first = service.confirm(token).block();
            clock.advance(Duration.ofMinutes(1));

            var again = service.confirm(token).block();

            assertThat(again.status()).isEqualTo(SubscriberStatus.CONFIRMED);
            assertThat(again.confirmedAt()).as("confirmed once").isEqualTo(first.confirmedAt());
        }

        @Test
        void aWrongTokenConfirmsNothing() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");

            assertThatThrownBy(() -> service.confirm("not-the-token").block()).isInstanceOf(SubscriptionNotFound.class);
            assertThatThrownBy(() -> service.confirm(token + "x").block()).isInstanceOf(SubscriptionNotFound.class);
            assertThat(subscriber(token).status()).isEqualTo(SubscriberStatus.PENDING);
            assertThat(receivesNewsletters(token)).isFalse();
        }

        @Test
        void oneAddressesTokenDoesNotConfirmAnother() {
            subscribe("ada@example.org");
            subscribe("grace@example.org");

            service.confirm(lastTokenSentTo("ada@example.org")).block();

            assertThat(receivesNewsletters(lastTokenSentTo("ada@example.org"))).isTrue();
            assertThat(receivesNewsletters(lastTokenSentTo("grace@example.org")))
                    .isFalse();
        }
    }

    @Nested
    class Leaving {

        @Test
        void takesOneStepAndNoNewsletterComesAfter() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");
            service.confirm(token).block();

            var left = service.unsubscribe(token).block();

            assertThat(left.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
            assertThat(left.unsubscribedAt()).isEqualTo(clock.instant());
            assertThat(receivesNewsletters(token)).isFalse();
        }

        @Test
        void anAddressStillToConfirmCanLeaveToo() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");

            service.unsubscribe(token).block();

            assertThat(subscriber(token).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        }

        @Test
        void isFinalTheOldConfirmationLinkDoesNotBringThemBack() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");
            service.unsubscribe(token).block();

            assertThatThrownBy(() -> service.confirm(token).block()).isInstanceOf(SubscriptionEnded.class);
            assertThat(subscriber(token).status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
            assertThat(receivesNewsletters(token)).isFalse();
        }

        @Test
        void leavingTwiceChangesNothing() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");
            var left = service.unsubscribe(token).block();
            clock.advance(Duration.ofMinutes(1));

            var again = service.unsubscribe(token).block();

            assertThat(again.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
            assertThat(again.unsubscribedAt()).isEqualTo(left.unsubscribedAt());
        }

        @Test
        void subscribingAgainStartsOverWithANewLinkAndTheOldOneStaysDead() {
            subscribe("ada@example.org");
            var old = lastTokenSentTo("ada@example.org");
            service.confirm(old).block();
            service.unsubscribe(old).block();
            clock.advance(RESEND_AFTER.plusSeconds(1));

            subscribe("ada@example.org");

            var fresh = lastTokenSentTo("ada@example.org");
            assertThat(fresh).isNotEqualTo(old);
            assertThat(subscriber(fresh).status()).isEqualTo(SubscriberStatus.PENDING);
            assertThat(receivesNewsletters(fresh))
                    .as("not until confirmed again")
                    .isFalse();
            assertThatThrownBy(() -> service.confirm(old).block()).isInstanceOf(SubscriptionNotFound.class);
            assertThatThrownBy(() -> service.unsubscribe(old).block()).isInstanceOf(SubscriptionNotFound.class);

            service.confirm(fresh).block();

            assertThat(receivesNewsletters(fresh)).isTrue();
        }

        @Test
        void anUnknownLinkIsNotFound() {
            assertThatThrownBy(() -> service.unsubscribe("no-such-token").block())
                    .isInstanceOf(SubscriptionNotFound.class);
        }

        @Test
        void erasingForgetsTheAddressInTheListAndTheEmails() {
            subscribe("ada@example.org");
            var token = lastTokenSentTo("ada@example.org");

            service.erase(token).block();

            assertThat(subscribers.all()).isEmpty();
            assertThat(forgotten).containsExactly("ada@example.org");
            assertThatThrownBy(() -> service.find(token).block()).isInstanceOf(SubscriptionNotFound.class);
        }
    }
}
