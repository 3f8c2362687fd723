package org.convene.events.request.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.convene.events.event.domain.AccessibilityFeature;

/**
 * What the requester wrote on the form: what they want, when (up to three dates, or flexible), where
 * (a town, or online), for how many and whom, the access and interpreters their audience needs, and a
 * message in plain text.
 */
public record RequestDetails(
        RequestKind kind,
        Requester requester,
        List<LocalDate> preferredDates,
        boolean flexible,
        String town,
        boolean online,
        int audienceSize,
        RequestAudience audience,
        Set<AccessibilityFeature> accessibility,
        String accessibilityNotes,
        List<String> interpreterLanguages,
        String message) {

    public RequestDetails {
        preferredDates = preferredDates == null ? List.of() : List.copyOf(preferredDates);
        accessibility = accessibility == null ? Set.of() : Set.copyOf(accessibility);
        interpreterLanguages = interpreterLanguages == null ? List.of() : List.copyOf(interpreterLanguages);
    }
}
