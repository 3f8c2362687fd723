package org.convene.events.request.domain;

import java.time.Duration;
import java.time.Instant;
import org.convene.events.event.domain.OrganisationId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where booking requests are kept. Saving one also stores its recorded changes for publishing, atomically. */
public interface BookingRequests {

    /** Stores a new request; one already stored under its id is left as it is (a repeated insert). */
    Mono<BookingRequest> insert(BookingRequest request);

    /** Saves if the stored version is still the one it was loaded at; else {@code VersionConflict}. */
    Mono<BookingRequest> update(BookingRequest request);

    Mono<BookingRequest> findById(BookingRequestId id);

    /** The organisation's requests, newest first; {@code status} and {@code kind} filter when given. */
    Flux<BookingRequest> findByOrganisation(OrganisationId organisation, RequestStatus status, RequestKind kind);

    /**
     * Which request answers for {@code duplicateKey} now: {@code candidate} when no request had it within
     * {@code window} (it is then recorded for the next {@code window}), else the one that had.
     */
    Mono<BookingRequestId> firstWithin(String duplicateKey, BookingRequestId candidate, Instant now, Duration window);

    /** Forgets duplicate keys whose window ended before {@code now} (they are pseudonymous personal data). */
    Mono<Void> forgetDuplicateKeysBefore(Instant now);

    /** Requests closed (scheduled or declined) before {@code cutoff} whose personal data is still kept. */
    Flux<BookingRequestId> closedBefore(Instant cutoff);
}
