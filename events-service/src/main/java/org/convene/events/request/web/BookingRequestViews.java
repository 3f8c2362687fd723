package org.convene.events.request.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.convene.events.event.domain.AccessibilityFeature;
import org.convene.events.request.domain.BookingRequest;
import org.convene.events.request.domain.HistoryEntry;
import org.jspecify.annotations.Nullable;

/** What organisers of the organisation see of requests: everything, theirs alone. */
final class BookingRequestViews {

    private BookingRequestViews() {}

    /** The public form's answer: the same whatever happened to the request, duplicates included. */
    record Received(String message) {
        static final Received ANSWER = new Received(
                "Thank you. Your request has been sent; you will get an email to say so, and a reply from the organisation.");
    }

    record RequesterView(
            String organisation,
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone) {}

    record HistoryView(
            Instant at,
            String type,
            @Nullable String by,
            @Nullable String text,
            String status) {}

    record RequestView(
            String id,
            String organisationId,
            long version,
            String status,
            String kind,
            @Nullable String offeringId,
            @Nullable String offeringName,
            @Nullable String offeringKind,
            Instant receivedAt,
            RequesterView requester,
            List<LocalDate> preferredDates,
            boolean flexible,
            @Nullable String town,
            boolean online,
            int audienceSize,
            String audience,
            List<AccessibilityFeature> accessibility,
            @Nullable String accessibilityNotes,
            List<String> interpreterLanguages,
            @Nullable String message,
            @Nullable String eventId,
            @Nullable Instant closedAt,
            @Nullable Instant erasedAt,
            List<HistoryView> history) {}

    /** One line of the inbox. */
    record RequestSummary(
            String id,
            String status,
            String kind,
            @Nullable String offeringId,
            @Nullable String offeringName,
            Instant receivedAt,
            String requesterOrganisation,
            @Nullable String contactName,
            int audienceSize,
            @Nullable String eventId) {}

    /** Everything held about the request, for the requester who asked for it (a download). */
    record RequestExport(Instant exportedAt, RequestView request) {}

    static RequestView view(BookingRequest request) {
        var details = request.details();
        var requester = details.requester();
        return new RequestView(
                request.id().value(),
                request.organisationId().value(),
                request.version(),
                request.status().name(),
                details.kind().name(),
                details.offering() == null ? null : details.offering().id(),
                details.offering() == null ? null : details.offering().name(),
                details.offering() == null ? null : details.offering().kind().name(),
                request.receivedAt(),
                new RequesterView(requester.organisation(), requester.name(), requester.email(), requester.phone()),
                details.preferredDates(),
                details.flexible(),
                details.town(),
                details.online(),
                details.audienceSize(),
                details.audience().name(),
                details.accessibility().stream().sorted().toList(),
                details.accessibilityNotes(),
                details.interpreterLanguages(),
                details.message(),
                request.eventId() == null ? null : request.eventId().value(),
                request.closedAt(),
                request.erasedAt(),
                request.history().stream().map(BookingRequestViews::history).toList());
    }

    static RequestSummary summary(BookingRequest request) {
        var details = request.details();
        return new RequestSummary(
                request.id().value(),
                request.status().name(),
                details.kind().name(),
                details.offering() == null ? null : details.offering().id(),
                details.offering() == null ? null : details.offering().name(),
                request.receivedAt(),
                details.requester().organisation(),
                details.requester().name(),
                details.audienceSize(),
                request.eventId() == null ? null : request.eventId().value());
    }

    private static HistoryView history(HistoryEntry entry) {
        return new HistoryView(
                entry.at(),
                entry.type().name(),
                entry.by(),
                entry.text(),
                entry.status().name());
    }
}
