package org.convene.notifications.subscription.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The subscribers of {@link Subscribers} in memory, for unit tests of {@link SubscriptionService}. Like the store,
 * a change is kept only if the subscriber is still at the version it was decided from, and nothing is read or
 * written until the answer is subscribed to.
 */
final class InMemorySubscribers implements Subscribers {

    private final Map<String, Subscriber> byId = new LinkedHashMap<>();
    private Runnable racing;

    /** Another request, done just before the next update is stored: as if it had raced this one and won. */
    synchronized void beforeNextUpdate(Runnable other) {
        racing = other;
    }

    synchronized List<Subscriber> all() {
        return List.copyOf(byId.values());
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
    public Mono<Subscriber> byId(String id) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                return byId.get(id);
            }
        });
    }

    @Override
    public Mono<Subscriber> byToken(String token) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                if (token == null || token.isBlank()) {
                    return null;
                }
                return byId.values().stream()
                        .filter(subscriber -> token.equals(subscriber.token()))
                        .findFirst()
                        .orElse(null);
            }
        });
    }

    @Override
    public Mono<Subscriber> update(Subscriber decidedFrom, Subscriber changed) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                var other = racing;
                racing = null;
                if (other != null) {
                    other.run();
                }
                requireAt(decidedFrom);
                byId.put(changed.id(), changed);
                return changed;
            }
        });
    }

    @Override
    public Mono<Subscriber> remove(Subscriber subscriber) {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                requireAt(subscriber);
                return byId.remove(subscriber.id());
            }
        });
    }

    private void requireAt(Subscriber read) {
        var stored = byId.get(read.id());
        if (stored == null || !Objects.equals(stored.version(), read.version())) {
            throw new SubscriberChanged(read.id(), read.version());
        }
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
