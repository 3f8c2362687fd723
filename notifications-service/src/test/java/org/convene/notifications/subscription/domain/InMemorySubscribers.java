package org.convene.notifications.subscription.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The subscribers of {@link Subscribers} in memory, for unit tests of {@link SubscriptionService}. Each change is
 * made only from the states {@link SubscriberStatus#from} names, as the store's conditional updates are; like the
 * store, nothing is read or written until the answer is subscribed to.
 */
final class InMemorySubscribers implements Subscribers {

    private final Map<String, Subscriber> byId = new LinkedHashMap<>();

    synchronized List<Subscriber> all() {
        return List.copyOf(byId.values());
    }

    private synchronized Subscriber withToken(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        return byId.values().stream()
                .filter(subscriber -> token.equals(subscriber.token()))
                .findFirst()
                .orElse(null);
    }

    /** Changes the subscriber with this token if it is in one of {@code from}; the subscriber as it is afterwards. */
    private synchronized Subscriber change(String token, Set<SubscriberStatus> from, UnaryOperator<Subscriber> how) {
        var found = withToken(token);
        if (found == null) {
            return null;
        }
        if (from.contains(found.status())) {
            byId.put(found.id(), how.apply(found));
        }
        return byId.get(found.id());
    }

    @Override
    public Mono<Boolean> insertIfAbsent(Subscriber subscriber) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                return byId.putIfAbsent(subscriber.id(), subscriber) == null;
            }
        });
    }

    @Override
    public Mono<Subscriber> askAgain(
            String id,
            String name,
            Set<String> topics,
            String language,
            boolean easyRead,
            String newToken,
            Instant now,
            Instant askedBefore) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                var found = byId.get(id);
                if (found == null || !found.lastConfirmationSentAt().isBefore(askedBefore)) {
                    return null;
                }
                var asked = switch (found.status()) {
                    case PENDING ->
                        new Subscriber(
                                id,
                                found.organisationId(),
                                found.email(),
                                name,
                                topics,
                                SubscriberStatus.PENDING,
                                found.token(),
                                found.subscribedAt(),
                                null,
                                null,
                                now,
                                language,
                                easyRead);
                    // Someone who left and comes back gets a new token: links in old emails stay dead.
                    case UNSUBSCRIBED ->
                        new Subscriber(
                                id,
                                found.organisationId(),
                                found.email(),
                                name,
                                topics,
                                SubscriberStatus.PENDING,
                                newToken,
                                now,
                                null,
                                null,
                                now,
                                language,
                                easyRead);
                    case CONFIRMED -> null;
                };
                if (asked != null) {
                    byId.put(id, asked);
                }
                return asked;
            }
        });
    }

    @Override
    public Mono<Subscriber> byToken(String token) {
        return Mono.fromSupplier(() -> withToken(token));
    }

    @Override
    public Mono<Subscriber> confirm(String token, Instant now) {
        return Mono.fromSupplier(() -> change(
                        token,
                        SubscriberStatus.from(SubscriberStatus.CONFIRMED),
                        found -> new Subscriber(
                                found.id(),
                                found.organisationId(),
                                found.email(),
                                found.name(),
                                found.topics(),
                                SubscriberStatus.CONFIRMED,
                                found.token(),
                                found.subscribedAt(),
                                now,
                                found.unsubscribedAt(),
                                found.lastConfirmationSentAt(),
                                found.language(),
                                found.easyRead())))
                .filter(subscriber -> subscriber.status() == SubscriberStatus.CONFIRMED);
    }

    @Override
    public Mono<Subscriber> changePreferences(
            String token, String name, Set<String> topics, String language, Boolean easyRead) {
        return Mono.fromSupplier(() -> change(
                token,
                Set.of(SubscriberStatus.values()),
                found -> new Subscriber(
                        found.id(),
                        found.organisationId(),
                        found.email(),
                        name,
                        topics,
                        found.status(),
                        found.token(),
                        found.subscribedAt(),
                        found.confirmedAt(),
                        found.unsubscribedAt(),
                        found.lastConfirmationSentAt(),
                        language == null ? found.language() : language,
                        easyRead == null ? found.easyRead() : easyRead)));
    }

    @Override
    public Mono<Subscriber> unsubscribe(String token, Instant now) {
        return Mono.fromSupplier(() -> change(
                token,
                SubscriberStatus.from(SubscriberStatus.UNSUBSCRIBED),
                found -> new Subscriber(
                        found.id(),
                        found.organisationId(),
                        found.email(),
                        found.name(),
                        found.topics(),
                        SubscriberStatus.UNSUBSCRIBED,
                        found.token(),
                        found.subscribedAt(),
                        found.confirmedAt(),
                        now,
                        found.lastConfirmationSentAt(),
                        found.language(),
                        found.easyRead())));
    }

    @Override
    public Mono<Subscriber> erase(String token) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                var found = withToken(token);
                return found == null ? null : byId.remove(found.id());
            }
        });
    }

    @Override
    public Flux<Subscriber> confirmedFor(String organisationId, Collection<String> topics) {
        throw new UnsupportedOperationException("the newsletter's, not needed by these tests");
    }

    @Override
    public Flux<Subscriber> byIds(Collection<String> ids) {
        throw new UnsupportedOperationException("the newsletter's, not needed by these tests");
    }
}
