package org.convene.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the booking requests API (events-service, ADR 14) answers, as far as the pages use it. */
public final class BookingRequests {

    private BookingRequests() {}

    /** One line of the organiser's inbox. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(
            String id,
            String status,
            String kind,
            String offeringId,
            String offeringName,
            OffsetDateTime receivedAt,
            String requesterOrganisation,
            String contactName,
            int audienceSize,
            String eventId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Requester(String organisation, String name, String email, String phone) {}

    /** One entry of a request's history: RECEIVED, NOTE, REPLY, STATUS_CHANGED or ERASED. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryEntry(OffsetDateTime at, String type, String by, String text, String status) {}

    /** The whole request, as its organisation's organisers see it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Request(
            String id,
            String organisationId,
            long version,
            String status,
            String kind,
            String offeringId,
            String offeringName,
            String offeringKind,
            OffsetDateTime receivedAt,
            Requester requester,
            List<LocalDate> preferredDates,
            boolean flexible,
            String town,
            boolean online,
            int audienceSize,
            String audience,
            List<String> accessibility,
            String accessibilityNotes,
            List<String> interpreterLanguages,
            String message,
            String eventId,
            OffsetDateTime closedAt,
            OffsetDateTime erasedAt,
            List<HistoryEntry> history) {

        public boolean open() {
            return "NEW".equals(status) || "IN_DISCUSSION".equals(status) || "ACCEPTED".equals(status);
        }

        public boolean erased() {
            return erasedAt != null;
        }

        /** Accepting is offered while the request is open; an accepted one (not yet scheduled) is accepted again. */
        public boolean acceptable() {
            return open() && !erased();
        }

        public boolean declinable() {
            return ("NEW".equals(status) || "IN_DISCUSSION".equals(status)) && !erased();
        }
    }

    /** A request with the {@code ETag} it was read with, to send back as {@code If-Match} with a change. */
    public record Tagged(
            @Nullable Request request, @Nullable String etag) {}

    /** The JSON download of everything held about a request, as the API sent it. */
    public record Export(String filename, byte[] json) {}
}
