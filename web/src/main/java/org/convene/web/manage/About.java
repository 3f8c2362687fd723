package org.convene.web.manage;

import java.time.OffsetDateTime;
import org.convene.web.api.Events.Event;
import org.convene.web.api.Registrations.Registration.EventSummary;
import org.jspecify.annotations.Nullable;

/**
 * What a person's own page says about their event: from the events API when it answers, else from the
 * manage view's {@code event} (an invite-only event, which the events API shows only with an invitation's
 * code). {@code where} is the venue in one line, null for an online event (or a venue not known). Never the online link.
 */
record About(
        String title,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String timeZone,
        boolean online,
        @Nullable String where) {

    /** Null when neither says what the event is (a registrations-service that does not carry it yet). */
    static @Nullable About of(@Nullable Event event, @Nullable EventSummary summary) {
        if (event != null) {
            var venue = event.venue();
            return new About(
                    event.title(),
                    event.startsAt(),
                    event.endsAt(),
                    event.timeZone(),
                    venue == null,
                    venue == null ? null : line(venue.name(), venue.address(), venue.postcode()));
        }
        if (summary != null && summary.title() != null) {
            return new About(
                    summary.title(),
                    summary.startsAt(),
                    summary.endsAt(),
                    summary.timeZone(),
                    summary.online(),
                    summary.online()
                            ? null
                            : line(summary.venueName(), summary.venueAddress(), summary.venuePostcode()));
        }
        return null;
    }

    private static @Nullable String line(@Nullable String... parts) {
        // A loop, not a stream: NullAway follows the null check here, not through filter().
        var kept = new java.util.StringJoiner(", ");
        for (var part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part.strip());
            }
        }
        var text = kept.toString();
        return text.isEmpty() ? null : text;
    }
}
