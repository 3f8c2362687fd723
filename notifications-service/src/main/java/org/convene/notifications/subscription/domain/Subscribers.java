package org.convene.notifications.subscription.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public interface Subscribers {

    /** Adds a new subscriber; false when the address is already on the organisation's list. */
    Mono<Boolean> insertIfAbsent(Subscriber subscriber);

    /**
     * Asks a pending or unsubscribed address to confirm again, at most once per period: the
     * subscriber as changed, or empty when it is confirmed already or was asked since {@code askedBefore}.
     */
    Mono<Subscriber> askAgain(
            String id,
            String name,
            Set<String> topics,
            String language,
            boolean easyRead,
            String newToken,
            Instant now,
            Instant askedBefore);

    Mono<Subscriber> byToken(String token);

    /** PENDING becomes CONFIRMED; the subscriber as it is afterwards (also when it was confirmed already). */
    Mono<Subscriber> confirm(String token, Instant now);

    /** {@code language}, {@code easyRead}: null leaves them as they are. */
    Mono<Subscriber> changePreferences(
            String token, String name, Set<String> topics, String language, Boolean easyRead);

    Mono<Subscriber> unsubscribe(String token, Instant now);

    Mono<Subscriber> erase(String token);

    /** Confirmed subscribers of the organisation who chose any of the topics. */
    Flux<Subscriber> confirmedFor(String organisationId, Collection<String> topics);

    Flux<Subscriber> byIds(Collection<String> ids);
}
