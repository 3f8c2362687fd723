package org.convene.registrations.registration.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a person's own page says about the event they registered for, as events-service last
 * announced it: for an invite-only event, the pages cannot read it from events-service without the
 * invitation's code, which the person's private link does not carry (ADR 13). Never the online link.
 */
public record EventSummary(
        String title,
        Instant startsAt,
        Instant endsAt,
        String timeZone,
        boolean online,
        @Nullable String venueName,
        @Nullable String venueAddress,
        @Nullable String venuePostcode) {}
