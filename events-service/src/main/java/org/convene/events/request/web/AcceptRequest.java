package org.convene.events.request.web;

import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;

/**
 * Accepting, with the time agreed if there is one: local to {@code timeZone} (an IANA id), as for
 * events. Without it the draft is on the first preferred date still ahead (or in four weeks), at 10:00
 * in Europe/London, to be edited before publishing.
 */
public record AcceptRequest(
        LocalDateTime startsAt,
        LocalDateTime endsAt,
        @Size(max = 64) String timeZone) {}
