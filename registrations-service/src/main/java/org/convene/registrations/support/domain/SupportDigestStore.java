package org.convene.registrations.support.domain;

import java.time.Instant;
import org.convene.registrations.registration.domain.EventId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the daily support digest reads (the events to come) and where it claims each organisation's day. */
public interface SupportDigestStore {

    /** A published event, as this service last heard of it from events-service. */
    record UpcomingEvent(
            EventId event, String organisationId, @Nullable String title, Instant startsAt, String timeZone) {}

    /** Published events of every organisation that start after {@code after} and no later than {@code until}. */
    Flux<UpcomingEvent> upcoming(Instant after, Instant until);

    /** Whether the organisation's digest of that day ({@code yyyy-MM-dd}) was claimed already, here or elsewhere. */
    Mono<Boolean> claimed(String organisationId, String date);

    /**
     * Claims the organisation's digest of the message's day, with the message to publish in the same write
     * (ADR 2): true for the one claim that made it, false when the day was claimed already, by this instance or
     * another.
     */
    Mono<Boolean> claim(SupportDigest digest);

    /** Forgets the claims of days before {@code date} whose digest has been published. */
    Mono<Void> forgetBefore(String date);
}
