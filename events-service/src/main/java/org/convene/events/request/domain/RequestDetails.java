package org.convene.events.request.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.convene.events.event.domain.AccessibilityFeature;
import org.jspecify.annotations.Nullable;

/**
 * What the requester wrote on the form: what they want, when (up to three dates, or flexible), where
 * (a town, or online), for how many and whom, the access and interpreters their audience needs, and a
 * message in plain text. {@code offering} is the organisation's offering asked for when the kind is
 * {@code OFFERING}, else null.
 */
public record RequestDetails(
        RequestKind kind,
        Requester requester,
        List<LocalDate> preferredDates,
        boolean flexible,
        @Nullable String town,
        boolean online,
        int audienceSize,
        RequestAudience audience,
        Set<AccessibilityFeature> accessibility,
        @Nullable String accessibilityNotes,
        List<String> interpreterLanguages,
        @Nullable String message,
        @Nullable RequestedOffering offering) {

    public RequestDetails(
            RequestKind kind,
            Requester requester,
            List<LocalDate> preferredDates,
            boolean flexible,
            @Nullable String town,
            boolean online,
            int audienceSize,
            RequestAudience audience,
            Set<AccessibilityFeature> accessibility,
            @Nullable String accessibilityNotes,
            List<String> interpreterLanguages,
            @Nullable String message) {
        this(
                kind,
                requester,
                preferredDates,
                flexible,
                town,
                online,
                audienceSize,
                audience,
                accessibility,
                accessibilityNotes,
                interpreterLanguages,
                message,
                null);
    }

    /** What it comes to for the draft event: the offering's kind for an offering, else the kind asked for. */
    public RequestKind effectiveKind() {
        return offering != null ? offering.asKind() : kind;
    }

    /** How it is named: the offering's name for an offering, else the kind's label ("Keynote"). */
    public String label() {
        return offering != null ? offering.name() : kind.label();
    }

    /** The same, with the offering asked for settled from the organisation's list. */
    public RequestDetails withOffering(RequestedOffering chosen) {
        return new RequestDetails(
                kind,
                requester,
                preferredDates,
                flexible,
                town,
                online,
                audienceSize,
                audience,
                accessibility,
                accessibilityNotes,
                interpreterLanguages,
                message,
                chosen);
    }

    public RequestDetails {
        preferredDates = preferredDates == null ? List.of() : List.copyOf(preferredDates);
        accessibility = accessibility == null ? Set.of() : Set.copyOf(accessibility);
        interpreterLanguages = interpreterLanguages == null ? List.of() : List.copyOf(interpreterLanguages);
    }
}
