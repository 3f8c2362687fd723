package org.convene.notifications.subscription.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What newsletters a subscriber was sent, for their export; forgotten when they erase their data. */
public interface SubscriberHistory {

    record Received(
            String newsletterId,
            String subject,
            String status,
            @Nullable Instant sentAt) {}

    Flux<Received> of(String subscriberId);

    Mono<Void> forget(String subscriberId);
}
