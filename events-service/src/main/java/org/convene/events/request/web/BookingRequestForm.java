package org.convene.events.request.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.convene.events.event.domain.AccessibilityFeature;
import org.convene.events.request.domain.RequestAudience;
import org.convene.events.request.domain.RequestKind;
import org.convene.support.text.MultiLineText;
import org.convene.support.text.SingleLineText;

/**
 * The public request form (no account): what is asked for (a kind, or {@code OFFERING} with the
 * {@code offeringId} of one of the organisation's offerings), who asks, when (up to three dates, or
 * flexible), where (a town, or online), for how many and whom, access and interpreters, and a message.
 * Text follows the one input policy ({@link org.convene.support.text.TextPolicy}); the rules that
 * join fields (dates or flexible, town or online) are the request's own.
 */
public record BookingRequestForm(
        @NotNull RequestKind kind,

        @Size(max = 20)
        @Pattern(regexp = "[a-z0-9]+", message = "must be the id of one of the organisation's offerings")
        String offeringId,

        @NotNull @Valid Requester requester,
        @Size(max = 3) List<@NotNull LocalDate> preferredDates,
        Boolean flexible,
        @Size(max = 100) @SingleLineText String town,
        Boolean online,
        @NotNull @Min(1) @Max(10_000) Integer audienceSize,
        @NotNull RequestAudience audience,
        Set<AccessibilityFeature> accessibility,
        @Size(max = 1_000) @MultiLineText String accessibilityNotes,
        @Size(max = 10) List<@NotBlank @Size(max = 60) @SingleLineText String> interpreterLanguages,
        @Size(max = 2_000) @MultiLineText String message) {

    /** Who asks; the organisation's name becomes the partner of the invitation if the request is accepted. */
    public record Requester(
            @NotBlank @Size(max = 120) @SingleLineText String organisation,
            @NotBlank @Size(max = 100) @SingleLineText String name,

            @NotBlank @Size(max = 254) @Email @SingleLineText
            String email,

            @Size(max = 30) @SingleLineText String phone) {}
}
