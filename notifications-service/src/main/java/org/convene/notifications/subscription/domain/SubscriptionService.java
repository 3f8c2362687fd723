package org.convene.notifications.subscription.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Double opt-in (invariant 4, docs/invariants.md), as {@link Subscriber} decides it: an address is asked to confirm
 * before it gets any newsletter, and asked at most once per {@code confirmationResendAfter}. Whether an address is
 * already on the list is never revealed: subscribing answers the same in every case.
 */
public class SubscriptionService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Racing changes to one subscriber are rare (one person, their own links): a few tries settle them. */
    private static final int CONFLICT_RETRIES = 5;

    private final Subscribers subscribers;
    private final NewsletterOwners owners;
    private final SubscriptionEmails emails;
    private final SubscriberHistory history;
    private final Clock clock;
    private final Duration confirmationResendAfter;

    public SubscriptionService(
            Subscribers subscribers,
            NewsletterOwners owners,
            SubscriptionEmails emails,
            SubscriberHistory history,
            Clock clock,
            Duration confirmationResendAfter) {
        this.subscribers = subscribers;
        this.owners = owners;
        this.emails = emails;
        this.history = history;
        this.clock = clock;
        this.confirmationResendAfter = confirmationResendAfter;
    }

    public record Export(Subscriber subscriber, java.util.List<SubscriberHistory.Received> newsletters) {}

    public Mono<Void> subscribe(String organisationId, String email, @Nullable String name, Set<String> topics) {
        return subscribe(organisationId, email, name, topics, Subscriber.DEFAULT_LANGUAGE, false);
    }

    /** {@code language}: the BCP 47 tag of the language to write to them in; {@code easyRead}: in Easy Read. */
    public Mono<Void> subscribe(
            String organisationId,
            String email,
            @Nullable String name,
            Set<String> topics,
            String language,
            boolean easyRead) {
        var now = clock.instant();
        var address = email.strip().toLowerCase(Locale.ROOT);
        var id = idOf(organisationId, address);
        var fresh =
                Subscriber.subscribe(id, organisationId, address, name, topics, language, easyRead, newToken(), now);
        return owners.exists(organisationId)
                .flatMap(known -> known ? Mono.just(true) : Mono.error(new UnknownOrganisation()))
                .then(subscribers.insertIfAbsent(fresh))
                .flatMap(created -> created
                        ? emails.askToConfirm(fresh, now)
                        : decide(
                                        subscribers.byId(id),
                                        found -> found.askAgain(
                                                name,
                                                topics,
                                                fresh.language(),
                                                easyRead,
                                                newToken(),
                                                now,
                                                confirmationResendAfter))
                                .flatMap(change -> change instanceof SubscriberChange.Changed asked
                                        ? emails.askToConfirm(asked.subscriber(), now)
                                        : Mono.empty()));
    }

    public Mono<Subscriber> confirm(String token) {
        var now = clock.instant();
        return decideWithToken(token, found -> found.confirm(token, now));
    }

    public Mono<Subscriber> find(String token) {
        return subscribers.byToken(token).switchIfEmpty(Mono.error(SubscriptionNotFound::new));
    }

    public Mono<Subscriber> changePreferences(String token, @Nullable String name, Set<String> topics) {
        return changePreferences(token, name, topics, null, null);
    }

    /** {@code language}, {@code easyRead}: null leaves them as they are. */
    public Mono<Subscriber> changePreferences(
            String token,
            @Nullable String name,
            Set<String> topics,
            @Nullable String language,
            @Nullable Boolean easyRead) {
        return decideWithToken(token, found -> found.changePreferences(token, name, topics, language, easyRead));
    }

    /** One step, no confirmation asked, and final (RFC 8058 one-click). Repeating it changes nothing. */
    public Mono<Subscriber> unsubscribe(String token) {
        var now = clock.instant();
        return decideWithToken(token, found -> found.leave(token, now));
    }

    public Mono<Export> export(String token) {
        return find(token)
                .flatMap(subscriber ->
                        history.of(subscriber.id()).collectList().map(received -> new Export(subscriber, received)));
    }

    /** Removes the subscriber and every trace of their address in what was sent to them. */
    public Mono<Void> erase(String token) {
        return decide(
                        subscribers.byToken(token),
                        found -> found.erase(token),
                        (found, erased) -> subscribers.remove(found))
                .switchIfEmpty(Mono.error(SubscriptionNotFound::new))
                .flatMap(change -> refusal(change)
                        .then(history.forget(change.subscriber().id()))
                        .then(emails.forget(change.subscriber())));
    }

    /** The subscriber holding the token after the rule, or the refusal as the error the caller sees. */
    private Mono<Subscriber> decideWithToken(String token, Function<Subscriber, SubscriberChange> rule) {
        return decide(subscribers.byToken(token), rule)
                .switchIfEmpty(Mono.error(SubscriptionNotFound::new))
                .flatMap(change -> refusal(change).thenReturn(change.subscriber()));
    }

    private static Mono<Void> refusal(SubscriberChange change) {
        if (change instanceof SubscriberChange.Refused refused) {
            return switch (refused.why()) {
                case ENDED -> Mono.error(new SubscriptionEnded());
                case WRONG_TOKEN -> Mono.error(new SubscriptionNotFound());
                case CONFIRMED_ALREADY, ASKED_RECENTLY -> Mono.empty();
            };
        }
        return Mono.empty();
    }

    private Mono<SubscriberChange> decide(Mono<Subscriber> load, Function<Subscriber, SubscriberChange> rule) {
        return decide(load, rule, subscribers::update);
    }

    /**
     * Reads the subscriber, lets its rule decide and stores a change only if nobody stored another meanwhile;
     * if somebody did, reads and decides again, from what they left. Empty when there is no such subscriber.
     * {@code store}: how a change is stored, given the subscriber it was decided from and the new state.
     */
    private Mono<SubscriberChange> decide(
            Mono<Subscriber> load,
            Function<Subscriber, SubscriberChange> rule,
            BiFunction<Subscriber, Subscriber, Mono<Subscriber>> store) {
        return Mono.defer(() -> load.flatMap(found -> {
                    var change = rule.apply(found);
                    if (!(change instanceof SubscriberChange.Changed changed)) {
                        return Mono.just(change);
                    }
                    return store.apply(found, changed.subscriber()).thenReturn(change);
                }))
                .retryWhen(Retry.max(CONFLICT_RETRIES).filter(SubscriberChanged.class::isInstance));
    }

    /** The same address on the same list always has the same id; the address itself is not in it. */
    static String idOf(String organisationId, String address) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((organisationId + "\n" + address).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newToken() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
