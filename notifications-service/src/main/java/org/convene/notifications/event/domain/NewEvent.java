package org.convene.notifications.event.domain;

import java.time.Instant;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.jspecify.annotations.Nullable;

/** A public event just published, as its announcement describes it: what, when, where (venue null online). */
public record NewEvent(
        EventId id,
        @Nullable OrganisationId organisationId,
        String title,
        Instant startsAt,
        String timeZone,
        boolean online,
        @Nullable String venueName,
        @Nullable String venuePostcode) {}
