package org.convene.events.event.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.convene.events.event.domain.AccessibilityFeature;
import org.convene.events.event.domain.Audience;
import org.convene.events.event.domain.EventFormat;
import org.convene.support.text.MultiLineText;
import org.convene.support.text.SingleLineText;

/**
 * An event as an organiser writes it. Times are local to {@code timeZone} (an IANA id such as
 * {@code Europe/London}), the way people think of them; they are stored as instants. Text follows the
 * one input policy of every service ({@link org.convene.support.text.TextPolicy}).
 */
public record EventRequest(
        @NotBlank @Size(max = 200) @SingleLineText String title,
        @Size(max = 500) @SingleLineText String summary,
        @Size(max = 20_000) @MultiLineText String description,
        @NotNull EventFormat format,
        @NotNull Audience audience,
        @Size(max = 20) Set<@NotBlank @Size(max = 50) @SingleLineText String> topics,
        @NotNull LocalDateTime startsAt,
        @NotNull LocalDateTime endsAt,
        @NotBlank @Size(max = 64) String timeZone,
        LocalDateTime registrationOpensAt,
        LocalDateTime registrationClosesAt,
        @NotNull @Min(1) @Max(10_000) Integer capacity,
        @Min(0) @Max(10) Integer maxCompanions,
        @Min(1) @Max(50) Integer groupLimit,
        org.convene.events.event.domain.Visibility visibility,
        @Valid VenueRequest venue,
        @Size(max = 2_000) @SingleLineText String onlineLink,
        @Valid SupportRequest support,
        @Size(max = 1_000) @MultiLineText String easyReadSummary,
        @Valid TranslationsRequest translations) {

    /** The event's title and summary in Welsh and in Arabic (issue 21); no other language is taken. */
    public record TranslationsRequest(
            @Valid TranslationRequest cy, @Valid TranslationRequest ar) {}

    public record TranslationRequest(
            @Size(max = 200) @SingleLineText String title,
            @Size(max = 500) @SingleLineText String summary) {}

    public record VenueRequest(
            @NotBlank @Size(max = 200) @SingleLineText String name,
            @NotBlank @Size(max = 500) @SingleLineText String address,
            @Size(max = 16) @SingleLineText String postcode,
            Set<AccessibilityFeature> accessibility,
            @Size(max = 500) @SingleLineText String nearestPublicTransport,
            @Size(max = 2_000) @MultiLineText String accessibilityNotes) {}

    public record SupportRequest(
            @Size(max = 20) List<@NotBlank @Size(max = 60) @SingleLineText String> interpreterLanguages,
            Boolean foodProvided,
            @Size(max = 20) List<@NotBlank @Size(max = 60) @SingleLineText String> dietaryOptions,
            Boolean travelSupport) {}
}
