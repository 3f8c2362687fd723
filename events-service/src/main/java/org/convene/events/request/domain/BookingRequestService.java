package org.convene.events.request.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.EventRuleViolation;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Organiser;
import org.convene.events.event.domain.Schedule;
import org.convene.events.event.domain.VersionConflict;
import org.convene.events.organisation.domain.Organisation;
import org.convene.events.organisation.domain.OrganisationNotFound;
import org.convene.events.organisation.domain.Organisations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Booking requests (ADR 14): anyone may send one to an organisation; its organisers read, discuss,
 * reply, decline or accept them. Another organisation's requests do not exist for an organiser.
 * Accepting makes the draft event in this same service, invite-only for the requester's organisation.
 */
public class BookingRequestService {

    private final BookingRequests requests;
    private final Organisations organisations;
    private final EventService events;
    private final Clock clock;
    private final Duration duplicateWindow;
    private final Counter received;
    private final Counter duplicates;

    public BookingRequestService(
            BookingRequests requests,
            Organisations organisations,
            EventService events,
            Clock clock,
            Duration duplicateWindow,
            MeterRegistry meters) {
        this.requests = requests;
        this.organisations = organisations;
        this.events = events;
        this.clock = clock;
        this.duplicateWindow = duplicateWindow;
        this.received = meters.counter("convene.booking.requests", "outcome", "received");
        this.duplicates = meters.counter("convene.booking.requests", "outcome", "duplicate");
    }

    /**
     * A request from the public form. Completes the same way whether it was stored or was a duplicate
     * (same email, organisation and kind, or offering, within the window): the sender cannot tell, so the
     * form reveals nothing about who else asked. An unknown organisation is {@link OrganisationNotFound};
     * {@code offeringId} names one of the organisation's current offerings when the kind is
     * {@code OFFERING} (its name and kind are kept in the request), and is absent otherwise.
     */
    public Mono<Void> submit(OrganisationId organisationId, RequestDetails details, @Nullable String offeringId) {
        return Mono.defer(() -> {
            var now = clock.instant();
            var candidate = BookingRequestId.newId();
            // Checked before anything is read or written: a rejected request leaves nothing behind.
            var errors = new LinkedHashMap<String, String>();
            if (details.kind() == RequestKind.OFFERING && offeringId == null) {
                errors.put("offeringId", "choose one of the organisation's offerings");
            } else if (details.kind() != RequestKind.OFFERING && offeringId != null) {
                errors.put("offeringId", "leave empty unless the kind is OFFERING");
            }
            BookingRequest.check(details, now, errors);
            return organisations
                    .findById(organisationId)
                    .switchIfEmpty(Mono.error(() -> new OrganisationNotFound(organisationId)))
                    .map(organisation -> withOffering(organisation, details, offeringId))
                    .flatMap(asked -> requests.firstWithin(
                                    duplicateKey(organisationId, asked), candidate, now, duplicateWindow)
                            .flatMap(owner -> {
                                if (owner.equals(candidate)) {
                                    return store(owner, organisationId, asked);
                                }
                                // The key's request may be missing if the process stopped between the two
                                // writes: then this one is stored under that id, so the window's request
                                // exists once.
                                return requests.findById(owner).hasElement().flatMap(exists -> {
                                    if (exists) {
                                        duplicates.increment();
                                        return Mono.<Void>empty();
                                    }
                                    return store(owner, organisationId, asked);
                                });
                            }));
        });
    }

    /** The offering asked for, as the organisation lists it now; one it does not list is refused. */
    private static RequestDetails withOffering(
            Organisation organisation, RequestDetails details, @Nullable String offeringId) {
        if (offeringId == null) {
            return details;
        }
        var offering = organisation.offering(offeringId);
        if (offering == null) {
            throw new EventRuleViolation(Map.of("offeringId", "is not one of this organisation's offerings"));
        }
        // The organisation's own offerings, as stored, all have ids.
        return details.withOffering(
                new RequestedOffering(Objects.requireNonNull(offering.id()), offering.name(), offering.kind()));
    }

    private Mono<Void> store(BookingRequestId id, OrganisationId organisationId, RequestDetails details) {
        return requests.insert(BookingRequest.receive(id, organisationId, details, clock.instant()))
                .doOnSuccess(stored -> received.increment())
                .then();
    }

    /** A digest, so the key kept for the duplicate window holds no readable address. */
    static String duplicateKey(OrganisationId organisationId, RequestDetails details) {
        var asked = details.offering() == null
                ? details.kind().name()
                : "OFFERING:" + details.offering().id();
        var raw = organisationId.value() + "\n" + asked + "\n"
                // Only a received request, which names its requester's address, is checked for duplicates.
                + Objects.requireNonNull(details.requester().email()).strip().toLowerCase(Locale.ROOT);
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The organisation's requests, newest first. Another organisation's list does not exist for this organiser. */
    public Flux<BookingRequest> list(
            Organiser organiser, OrganisationId organisationId, RequestStatus status, RequestKind kind) {
        if (!organiser.actsFor(organisationId)) {
            return Flux.error(new OrganisationNotFound(organisationId));
        }
        return requests.findByOrganisation(organisationId, status, kind);
    }

    public Mono<BookingRequest> find(Organiser organiser, OrganisationId organisationId, BookingRequestId id) {
        return requests.findById(id)
                .filter(request -> organiser.actsFor(organisationId)
                        && request.organisationId().equals(organisationId))
                .switchIfEmpty(Mono.error(() -> new RequestNotFound(id)));
    }

    public Mono<BookingRequest> discuss(
            Organiser organiser, OrganisationId organisationId, BookingRequestId id, @Nullable Long expectedVersion) {
        return change(
                organiser,
                organisationId,
                id,
                expectedVersion,
                request -> request.discuss(organiser.subject(), clock.instant()));
    }

    public Mono<BookingRequest> decline(
            Organiser organiser, OrganisationId organisationId, BookingRequestId id, @Nullable Long expectedVersion) {
        return change(
                organiser,
                organisationId,
                id,
                expectedVersion,
                request -> request.decline(organiser.subject(), clock.instant()));
    }

    public Mono<BookingRequest> note(
            Organiser organiser,
            OrganisationId organisationId,
            BookingRequestId id,
            @Nullable Long expectedVersion,
            String text) {
        return change(
                organiser,
                organisationId,
                id,
                expectedVersion,
                request -> request.note(text, organiser.subject(), clock.instant()));
    }

    public Mono<BookingRequest> reply(
            Organiser organiser,
            OrganisationId organisationId,
            BookingRequestId id,
            @Nullable Long expectedVersion,
            String text) {
        return change(
                organiser,
                organisationId,
                id,
                expectedVersion,
                request -> request.reply(text, organiser.subject(), clock.instant()));
    }

    /** Erases the requester's personal data on their request; erasing again changes nothing. */
    public Mono<BookingRequest> erase(Organiser organiser, OrganisationId organisationId, BookingRequestId id) {
        return change(
                organiser, organisationId, id, null, request -> request.erase(organiser.subject(), clock.instant()));
    }

    /**
     * Accepting schedules it: the request is marked accepted with the id its draft event will have, the
     * draft is made (invite-only, with an invitation for the requester's organisation), then the request
     * is scheduled with it. Three writes without a transaction, each safe to repeat: after a failure in
     * between, accepting again finds the request accepted and the event made or not, and finishes.
     */
    public Mono<BookingRequest> accept(
            Organiser organiser,
            OrganisationId organisationId,
            BookingRequestId id,
            @Nullable Long expectedVersion,
            @Nullable Schedule wanted) {
        var planned = plannedEvent(id);
        return change(
                        organiser,
                        organisationId,
                        id,
                        expectedVersion,
                        request -> request.accept(planned, organiser.subject(), clock.instant()))
                .flatMap(accepted -> events.createInviteOnly(
                                organiser,
                                // Accepting a request gives it the id of the event it becomes.
                                Objects.requireNonNull(accepted.eventId()),
                                DraftEvents.of(accepted, wanted, clock.instant()),
                                accepted.details().requester().organisation())
                        .then(change(
                                organiser,
                                organisationId,
                                id,
                                null,
                                request -> request.scheduled(organiser.subject(), clock.instant()))));
    }

    /** The same id whenever this request is accepted, so its draft event is made once. */
    static EventId plannedEvent(BookingRequestId id) {
        return new EventId(UUID.nameUUIDFromBytes(("booking-request:" + id.value()).getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    /**
     * One retention pass: the personal data of requests closed more than {@code keepFor} ago is erased
     * (safe on several instances: a request erased meanwhile is skipped), and duplicate keys past their
     * window are forgotten.
     */
    public Mono<Void> enforceRetention(Duration keepFor) {
        var now = clock.instant();
        return requests.closedBefore(now.minus(keepFor))
                .concatMap(id -> requests.findById(id)
                        .flatMap(request -> {
                            request.erase(null, now);
                            return requests.update(request);
                        })
                        .onErrorResume(VersionConflict.class, changedMeanwhile -> Mono.empty()))
                .then(requests.forgetDuplicateKeysBefore(now));
    }

    private Mono<BookingRequest> change(
            Organiser organiser,
            OrganisationId organisationId,
            BookingRequestId id,
            @Nullable Long expectedVersion,
            Consumer<BookingRequest> change) {
        return find(organiser, organisationId, id).flatMap(request -> {
            if (expectedVersion != null && expectedVersion != request.version()) {
                return Mono.error(new VersionConflict(id, expectedVersion));
            }
            change.accept(request);
            if (request.changes().isEmpty() && request.loadedVersion() == request.version()) {
                return Mono.just(request);
            }
            return requests.update(request);
        });
    }
}
