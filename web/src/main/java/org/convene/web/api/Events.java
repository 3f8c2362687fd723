package org.convene.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the events API answers, as far as the pages use it. */
public final class Events {

    private Events() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(
            String id,
            String organisationId,
            String status,
            Long version,
            String title,
            String summary,
            String description,
            String descriptionHtml,
            String format,
            String audience,
            Set<String> topics,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String timeZone,
            OffsetDateTime registrationOpensAt,
            OffsetDateTime registrationClosesAt,
            int capacity,
            int maxCompanions,
            Integer groupLimit,
            String visibility,
            Venue venue,
            Boolean online,
            String onlineLink,
            Support support,
            String cancellationReason,
            List<Invitation> invitations,
            String easyReadSummary,
            Translations translations) {

        /** The title in the page's language when the organiser wrote one (Welsh, Arabic), else as written. */
        public String titleIn(Locale locale) {
            var translation = translations == null ? null : translations.in(locale);
            return translation != null && translation.title() != null ? translation.title() : title;
        }

        /** The summary in the page's language when the organiser wrote one, else as written. */
        public String summaryIn(Locale locale) {
            var translation = translations == null ? null : translations.in(locale);
            return translation != null && translation.summary() != null ? translation.summary() : summary;
        }

        public boolean isInviteOnly() {
            return "INVITE_ONLY".equals(visibility);
        }

        /** The most young people one worker's group may bring (12 from an events-service that does not say). */
        public int groupLimitOrDefault() {
            return groupLimit == null ? 12 : groupLimit;
        }

        public boolean isDraft() {
            return "DRAFT".equals(status);
        }

        public boolean isPublished() {
            return "PUBLISHED".equals(status);
        }

        public boolean isCancelled() {
            return "CANCELLED".equals(status);
        }

        public boolean registrationOpen() {
            var now = OffsetDateTime.now();
            return isPublished()
                    && (registrationOpensAt == null || !now.isBefore(registrationOpensAt))
                    && (registrationClosesAt == null || now.isBefore(registrationClosesAt))
                    && now.isBefore(startsAt);
        }
    }

    /** An event's title and summary as the organiser wrote them in Welsh and in Arabic (issue 21). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Translations(
            @Nullable Translation cy, @Nullable Translation ar) {

        @Nullable
        Translation in(Locale locale) {
            return switch (locale.getLanguage()) {
                case "cy" -> cy;
                case "ar" -> ar;
                default -> null;
            };
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Translation(String title, String summary) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Venue(
            String name,
            String address,
            String postcode,
            List<String> accessibility,
            String nearestPublicTransport,
            String accessibilityNotes) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Support(
            List<String> interpreterLanguages,
            boolean foodProvided,
            List<String> dietaryOptions,
            boolean travelSupport) {

        public Support {
            interpreterLanguages = interpreterLanguages == null ? List.of() : interpreterLanguages;
            dietaryOptions = dietaryOptions == null ? List.of() : dietaryOptions;
        }
    }

    /**
     * An invitation to an event, as its organiser sees it (ADR 13): the partner it was made for, the
     * code its link carries, the places held for it and when unused ones return to general sale (null:
     * held until the event starts).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Invitation(
            String id,
            String partner,
            String code,
            Integer seatsHeld,
            OffsetDateTime releaseAt,
            OffsetDateTime createdAt,
            boolean revoked) {

        public Invitation {
            seatsHeld = seatsHeld == null ? 0 : seatsHeld;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EventPage(List<Event> events, String next) {}
}
