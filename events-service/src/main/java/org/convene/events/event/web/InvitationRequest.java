package org.convene.events.event.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.convene.support.text.SingleLineText;

/**
 * A new invitation for a partner organisation (ADR 13): its name, the places held for it (none unless
 * given) and when those it has not used return to general sale (a date and time with its offset, such
 * as {@code 2027-02-03T17:00:00Z}; none: held until the event starts).
 */
public record InvitationRequest(
        @NotBlank @Size(max = 120) @SingleLineText String partner,
        @Min(0) @Max(10_000) Integer seatsHeld,
        OffsetDateTime releaseAt) {}
