package org.convene.events.request.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.convene.contracts.requests.BookingRequestMessage;
import org.convene.events.event.domain.AccessibilityFeature;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.VersionConflict;
import org.convene.events.organisation.domain.OfferingKind;
import org.convene.events.request.domain.BookingRequest;
import org.convene.events.request.domain.BookingRequestId;
import org.convene.events.request.domain.BookingRequests;
import org.convene.events.request.domain.HistoryEntry;
import org.convene.events.request.domain.RequestAudience;
import org.convene.events.request.domain.RequestDetails;
import org.convene.events.request.domain.RequestKind;
import org.convene.events.request.domain.RequestStatus;
import org.convene.events.request.domain.RequestedOffering;
import org.convene.events.request.domain.Requester;
import org.convene.events.request.messaging.RequestMessages;
import org.convene.support.outbox.OutboxTrace;
import org.convene.support.outbox.OutboxWakeUps;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Booking requests in their own collection; each change and the messages announcing it are written in
 * one document update (ADR 2), relayed to convene.requests.v1 by the service's OutboxRelay.
 */
@Repository
class MongoBookingRequests implements BookingRequests {

    static final String COLLECTION = "booking_requests";
    static final String CLAIMS = "booking_request_claims";

    @Document(COLLECTION)
    record BookingRequestDocument(
            @Id String id,
            String organisationId,
            Instant receivedAt,
            String status,
            String kind,
            @Nullable String offeringId,
            @Nullable String offeringName,
            @Nullable String offeringKind,
            String requesterOrganisation,
            @Nullable String contactName,
            @Nullable String contactEmail,
            @Nullable String contactPhone,
            List<String> preferredDates,
            boolean flexible,
            @Nullable String town,
            boolean online,
            int audienceSize,
            String audience,
            Set<String> accessibility,
            @Nullable String accessibilityNotes,
            List<String> interpreterLanguages,
            @Nullable String message,
            @Nullable String eventId,
            @Nullable Instant closedAt,
            @Nullable Instant erasedAt,
            long version,
            List<HistoryDocument> history,
            List<BookingRequestMessage> outbox) {}

    record HistoryDocument(
            Instant at,
            String type,
            @Nullable String by,
            @Nullable String text,
            String status) {}

    /**
     * Which request answers for a duplicate key (a digest of organisation, kind and email) until when.
     * {@code requestId} changes whenever the key is taken again, so it doubles as the key's version.
     */
    @Document(CLAIMS)
    record ClaimDocument(@Id String id, String requestId, Instant until) {}

    private final ReactiveMongoTemplate mongo;
    private final OutboxWakeUps outbox;

    MongoBookingRequests(ReactiveMongoTemplate mongo, OutboxWakeUps outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    @Override
    public Mono<BookingRequest> insert(BookingRequest request) {
        var messages = outboxOf(request);
        return mongo.insert(toDocument(request, messages))
                .doOnSuccess(inserted -> outbox.written(COLLECTION, request.id().value()))
                .thenReturn(request)
                // Only a repeat of the same request can collide: the id is new or the duplicate key's own.
                .onErrorResume(DuplicateKeyException.class, again -> Mono.just(request));
    }

    @Override
    public Mono<BookingRequest> update(BookingRequest request) {
        var document = toDocument(request, List.of());
        var update = new Update()
                .set("status", document.status())
                .set("requesterOrganisation", document.requesterOrganisation())
                .set("contactName", document.contactName())
                .set("contactEmail", document.contactEmail())
                .set("contactPhone", document.contactPhone())
                .set("accessibilityNotes", document.accessibilityNotes())
                .set("message", document.message())
                .set("eventId", document.eventId())
                .set("closedAt", document.closedAt())
                .set("erasedAt", document.erasedAt())
                .set("version", document.version())
                .set("history", document.history());
        var messages = outboxOf(request);
        if (!messages.isEmpty()) {
            update.push("outbox").each(messages.toArray());
            OutboxTrace.keep(update);
        }
        var current = query(where("_id").is(request.id().value()).and("version").is(request.loadedVersion()));
        return mongo.updateFirst(current, update, BookingRequestDocument.class)
                .doOnNext(result -> {
                    if (result.getModifiedCount() == 1 && !messages.isEmpty()) {
                        outbox.written(COLLECTION, request.id().value());
                    }
                })
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.just(request)
                        : Mono.error(new VersionConflict(request.id(), request.loadedVersion())));
    }

    @Override
    public Mono<BookingRequest> findById(BookingRequestId id) {
        return mongo.findById(id.value(), BookingRequestDocument.class).map(MongoBookingRequests::toRequest);
    }

    @Override
    public Flux<BookingRequest> findByOrganisation(
            OrganisationId organisation, RequestStatus status, RequestKind kind) {
        var criteria = where("organisationId").is(organisation.value());
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        if (kind != null) {
            criteria = criteria.and("kind").is(kind.name());
        }
        return mongo.find(
                        new Query(criteria).with(Sort.by(Sort.Direction.DESC, "receivedAt", "_id")),
                        BookingRequestDocument.class)
                .map(MongoBookingRequests::toRequest);
    }

    /**
     * Every step by {@code _id} (and the id last seen, the unique index {@code claim_check}), which the
     * embedded store serves without a scan (ADR 1): insert the key; if it is there and its window is
     * over, take it over from the request seen; if someone else did first, theirs answers.
     */
    @Override
    public Mono<BookingRequestId> firstWithin(
            String duplicateKey, BookingRequestId candidate, Instant now, Duration window) {
        var claim = new ClaimDocument(duplicateKey, candidate.value(), now.plus(window));
        return mongo.insert(claim)
                .thenReturn(candidate)
                .onErrorResume(
                        DuplicateKeyException.class,
                        taken -> mongo.findById(duplicateKey, ClaimDocument.class)
                                .flatMap(seen -> {
                                    if (seen.until().isAfter(now)) {
                                        return Mono.just(new BookingRequestId(seen.requestId()));
                                    }
                                    return mongo.updateFirst(
                                                    query(where("_id")
                                                            .is(duplicateKey)
                                                            .and("requestId")
                                                            .is(seen.requestId())),
                                                    new Update()
                                                            .set("requestId", candidate.value())
                                                            .set("until", claim.until()),
                                                    ClaimDocument.class)
                                            .flatMap(result -> result.getMatchedCount() == 1
                                                    ? Mono.just(candidate)
                                                    : mongo.findById(duplicateKey, ClaimDocument.class)
                                                            .map(current -> new BookingRequestId(current.requestId())));
                                })
                                // Forgotten between the insert and the read: nobody else holds it, try once more.
                                .switchIfEmpty(
                                        Mono.defer(() -> mongo.insert(claim).thenReturn(candidate))));
    }

    @Override
    public Mono<Void> forgetDuplicateKeysBefore(Instant now) {
        return mongo.remove(query(where("until").lt(now)), ClaimDocument.class).then();
    }

    @Override
    public Flux<BookingRequestId> closedBefore(Instant cutoff) {
        var due = new Criteria()
                .andOperator(where("closedAt").lt(cutoff), where("erasedAt").is(null));
        return mongo.find(query(due), BookingRequestDocument.class)
                .map(document -> new BookingRequestId(document.id()));
    }

    private static List<BookingRequestMessage> outboxOf(BookingRequest request) {
        return request.changes().stream()
                .map(change -> RequestMessages.announce(request, change))
                .toList();
    }

    static BookingRequestDocument toDocument(BookingRequest request, List<BookingRequestMessage> outbox) {
        var details = request.details();
        var requester = details.requester();
        return new BookingRequestDocument(
                request.id().value(),
                request.organisationId().value(),
                request.receivedAt(),
                request.status().name(),
                details.kind().name(),
                details.offering() == null ? null : details.offering().id(),
                details.offering() == null ? null : details.offering().name(),
                details.offering() == null ? null : details.offering().kind().name(),
                requester.organisation(),
                requester.name(),
                requester.email(),
                requester.phone(),
                details.preferredDates().stream().map(LocalDate::toString).toList(),
                details.flexible(),
                details.town(),
                details.online(),
                details.audienceSize(),
                details.audience().name(),
                details.accessibility().stream().map(Enum::name).collect(Collectors.toSet()),
                details.accessibilityNotes(),
                details.interpreterLanguages(),
                details.message(),
                request.eventId() == null ? null : request.eventId().value(),
                request.closedAt(),
                request.erasedAt(),
                request.version(),
                request.history().stream()
                        .map(entry -> new HistoryDocument(
                                entry.at(),
                                entry.type().name(),
                                entry.by(),
                                entry.text(),
                                entry.status().name()))
                        .toList(),
                outbox);
    }

    static BookingRequest toRequest(BookingRequestDocument document) {
        var details = new RequestDetails(
                RequestKind.valueOf(document.kind()),
                new Requester(
                        document.requesterOrganisation(),
                        document.contactName(),
                        document.contactEmail(),
                        document.contactPhone()),
                document.preferredDates() == null
                        ? List.of()
                        : document.preferredDates().stream()
                                .map(LocalDate::parse)
                                .toList(),
                document.flexible(),
                document.town(),
                document.online(),
                document.audienceSize(),
                RequestAudience.valueOf(document.audience()),
                document.accessibility() == null
                        ? Set.of()
                        : document.accessibility().stream()
                                .map(AccessibilityFeature::valueOf)
                                .collect(Collectors.toSet()),
                document.accessibilityNotes(),
                document.interpreterLanguages(),
                document.message(),
                document.offeringId() == null
                        ? null
                        : new RequestedOffering(
                                document.offeringId(),
                                // Stored together: an offering's id comes with its name and kind.
                                Objects.requireNonNull(document.offeringName()),
                                OfferingKind.valueOf(Objects.requireNonNull(document.offeringKind()))));
        return BookingRequest.restore(
                new BookingRequestId(document.id()),
                new OrganisationId(document.organisationId()),
                document.receivedAt(),
                details,
                RequestStatus.valueOf(document.status()),
                document.eventId() == null ? null : new EventId(document.eventId()),
                document.closedAt(),
                document.erasedAt(),
                document.version(),
                document.history() == null
                        ? List.of()
                        : document.history().stream()
                                .map(entry -> new HistoryEntry(
                                        entry.at(),
                                        HistoryEntry.Type.valueOf(entry.type()),
                                        entry.by(),
                                        entry.text(),
                                        RequestStatus.valueOf(entry.status())))
                                .toList());
    }
}
