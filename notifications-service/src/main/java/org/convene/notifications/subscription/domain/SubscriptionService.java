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
import java.util.TreeSet;
import reactor.core.publisher.Mono;

/**
 * Double opt-in (invariant 4, docs/invariants.md): an address is asked to confirm before it gets any newsletter, and
 * asked at most once per {@code confirmationResendAfter}. Whether an address is already on the
 * list is never revealed: subscribing answers the same in every case.
 */
public class SubscriptionService {

    private static final SecureRandom RANDOM = new SecureRandom();

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

    public Mono<Void> subscribe(String organisationId, String email, String name, Set<String> topics) {
        return subscribe(organisationId, email, name, topics, Subscriber.DEFAULT_LANGUAGE, false);
    }

    /** {@code language}: the BCP 47 tag of the language to write to them in; {@code easyRead}: in Easy Read. */
    public Mono<Void> subscribe(
            String organisationId, String email, String name, Set<String> topics, String language, boolean easyRead) {
        var now = clock.instant();
        var address = email.strip().toLowerCase(Locale.ROOT);
        var id = idOf(organisationId, address);
        var chosen = new TreeSet<>(topics);
        var fresh = new Subscriber(
                id,
                organisationId,
                address,
                name,
                chosen,
                SubscriberStatus.PENDING,
                newToken(),
                now,
                null,
                null,
                now,
                language,
                easyRead);
        return owners.exists(organisationId)
                .flatMap(known -> known ? Mono.just(true) : Mono.error(new UnknownOrganisation()))
                .then(subscribers.insertIfAbsent(fresh))
                .flatMap(created -> created
                        ? emails.askToConfirm(fresh, now)
                        : subscribers
                                .askAgain(
                                        id,
                                        name,
                                        chosen,
                                        fresh.language(),
                                        easyRead,
                                        newToken(),
                                        now,
                                        now.minus(confirmationResendAfter))
                                .flatMap(asked -> emails.askToConfirm(asked, now)));
    }

    public Mono<Subscriber> confirm(String token) {
        return subscribers
                .confirm(token, clock.instant())
                .switchIfEmpty(Mono.defer(() -> subscribers
                        .byToken(token)
                        .switchIfEmpty(Mono.error(SubscriptionNotFound::new))
                        .flatMap(found -> found.status() == SubscriberStatus.UNSUBSCRIBED
                                ? Mono.error(new SubscriptionEnded())
                                : Mono.just(found))));
    }

    public Mono<Subscriber> find(String token) {
        return subscribers.byToken(token).switchIfEmpty(Mono.error(SubscriptionNotFound::new));
    }

    public Mono<Subscriber> changePreferences(String token, String name, Set<String> topics) {
        return changePreferences(token, name, topics, null, null);
    }

    /** {@code language}, {@code easyRead}: null leaves them as they are. */
    public Mono<Subscriber> changePreferences(
            String token, String name, Set<String> topics, String language, Boolean easyRead) {
        return subscribers
                .changePreferences(token, name, new TreeSet<>(topics), language, easyRead)
                .switchIfEmpty(Mono.error(SubscriptionNotFound::new));
    }

    /** One step, no confirmation asked, and final (RFC 8058 one-click). Repeating it changes nothing. */
    public Mono<Subscriber> unsubscribe(String token) {
        return subscribers.unsubscribe(token, clock.instant()).switchIfEmpty(Mono.error(SubscriptionNotFound::new));
    }

    public Mono<Export> export(String token) {
        return find(token)
                .flatMap(subscriber ->
                        history.of(subscriber.id()).collectList().map(received -> new Export(subscriber, received)));
    }

    /** Removes the subscriber and every trace of their address in what was sent to them. */
    public Mono<Void> erase(String token) {
        return subscribers
                .erase(token)
                .switchIfEmpty(Mono.error(SubscriptionNotFound::new))
                .flatMap(erased -> history.forget(erased.id()).then(emails.forget(erased)));
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
