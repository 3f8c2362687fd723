package org.convene.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the registrations API answers, as far as the pages use it. */
public final class Registrations {

    private Registrations() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Availability(
            String eventId, String status, int capacity, int seatsTaken, int seatsLeft, int waiting) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Registration(
            String registrationId,
            String eventId,
            String status,
            Integer waitlistPosition,
            int seats,
            String attendeeName,
            List<String> companions,
            List<String> supportRequested,
            Group group,
            String manageLink,
            EventSummary event,
            String checkInCode) {

        /**
         * What the event is, as registrations-service last heard it (only on the manage view; null elsewhere):
         * what a person's own page shows when the events API will not answer without an invitation code.
         * Never the online link.
         */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record EventSummary(
                String title,
                OffsetDateTime startsAt,
                OffsetDateTime endsAt,
                String timeZone,
                boolean online,
                String venueName,
                String venueAddress,
                String venuePostcode) {}

        /** The young people a worker booked as a group; null for a person registering for themselves. */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Group(String organisation, List<Member> members) {}

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Member(
                String memberId, String name, List<String> supportRequested, Boolean waiting, String checkInCode) {

            /** Still waiting for a place while the rest of the group is booked (absent: booked with the group). */
            public boolean isStillWaiting() {
                return Boolean.TRUE.equals(waiting);
            }
        }

        /** The young people booked now: all of them, unless part of the group still waits. */
        public List<Member> bookedMembers() {
            return group == null
                    ? List.of()
                    : group.members().stream()
                            .filter(member -> !member.isStillWaiting())
                            .toList();
        }

        /** The young people of a partly accepted group who still wait, together, in the group's place. */
        public List<Member> waitingMembers() {
            return group == null
                    ? List.of()
                    : group.members().stream().filter(Member::isStillWaiting).toList();
        }

        /** Some of the group are booked and the others still wait for places. */
        public boolean isPartlyWaiting() {
            return isConfirmed() && !waitingMembers().isEmpty();
        }

        public boolean isConfirmed() {
            return "CONFIRMED".equals(status);
        }

        public boolean isWaitlisted() {
            return "WAITLISTED".equals(status);
        }

        public boolean isCancelled() {
            return "CANCELLED".equals(status);
        }
    }

    /**
     * Who a check-in code named and how they were marked ({@code memberId} null for the registrant);
     * {@code alreadyMarked} when they had been marked so before (absent from older services: not known).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CheckedIn(
            String registrationId, String memberId, String name, String attendance, Boolean alreadyMarked) {

        public boolean wasAlreadyMarked() {
            return Boolean.TRUE.equals(alreadyMarked);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attendee(
            String registrationId,
            String memberId,
            String groupContact,
            String organisation,
            String status,
            int seats,
            String name,
            String email,
            String phone,
            String role,
            String ageBand,
            String guardianName,
            String guardianContact,
            boolean guardianConsent,
            List<String> companions,
            String interpreter,
            List<String> accessNeeds,
            List<String> dietary,
            String otherNeeds,
            boolean photoConsent,
            boolean contactConsent,
            String attendance,
            String invitation) {

        /** The row's anchor on the page: one per person, a group's young people beside their worker. */
        public String anchor() {
            return "r-" + registrationId + (memberId == null ? "" : "-" + memberId);
        }

        /** "with Sam (Rutland County Council)" for a young person of a group; null otherwise. */
        public @Nullable String cameWith() {
            if (groupContact == null) {
                return null;
            }
            return "with " + groupContact + (organisation == null ? "" : " (" + organisation + ")");
        }

        /** The young person of a group rather than the person who booked. */
        public boolean isMember() {
            return memberId != null;
        }

        public boolean isWaitlisted() {
            return "WAITLISTED".equals(status);
        }

        /** "Invited by Rutland County Council" when registered with an invitation link (ADR 13); null otherwise. */
        public @Nullable String invitedBy() {
            if (invitation == null || invitation.isBlank()) {
                return null;
            }
            return "a revoked invitation".equals(invitation)
                    ? "Registered with an invitation that is now revoked"
                    : "Invited by " + invitation;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(
            int seatsConfirmed,
            int registrationsConfirmed,
            int seatsWaitlisted,
            int registrationsWaitlisted,
            Map<String, Long> companionsByKind,
            Map<String, Long> interpretersByLanguage,
            Map<String, Long> accessNeedsByKind,
            Map<String, Long> dietaryNeeds,
            long underEighteenWithConsent,
            long attended,
            long noShows) {

        public static final Summary NONE = new Summary(0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, 0);
    }

    /**
     * An event's support needs as the organiser arranges them (issue 19): by when everything should be
     * arranged ({@code arrangeBy}, null when the event's start is unknown), how many are still to arrange,
     * and each need with who asked.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SupportPlan(
            String eventId, int daysBefore, OffsetDateTime arrangeBy, int outstanding, List<NeedToArrange> needs) {

        public SupportPlan {
            needs = needs == null ? List.of() : List.copyOf(needs);
        }
    }

    /**
     * One need of an event: a kind's code ({@code INTERPRETER_BSL}, {@code STEP_FREE_ACCESS}, {@code DIETARY}),
     * arranged once for everyone who asked, or {@code OTHER:<registration>[/<member>]} with what one person
     * wrote in their own words ({@code detail}), arranged for them alone.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NeedToArrange(
            String need,
            String code,
            List<String> who,
            String detail,
            boolean arranged,
            String note,
            OffsetDateTime arrangedAt) {

        public NeedToArrange {
            who = who == null ? List.of() : List.copyOf(who);
        }

        public boolean isOther() {
            return "OTHER".equals(code);
        }
    }

    /** What has been arranged for a person, as their own page shows it: the kind's code and the organiser's note. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Arranged(String need, String note) {}
}
