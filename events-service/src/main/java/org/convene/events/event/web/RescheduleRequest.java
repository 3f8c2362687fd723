package org.convene.events.event.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;

/** A new time for a published event; the registration window moves with it unless given. */
public record RescheduleRequest(
        @NotNull LocalDateTime startsAt,
        @NotNull LocalDateTime endsAt,
        @NotBlank @Size(max = 64) String timeZone,
        LocalDateTime registrationOpensAt,
        LocalDateTime registrationClosesAt) {}
