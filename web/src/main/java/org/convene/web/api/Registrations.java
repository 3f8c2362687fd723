package org.convene.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

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
            String manageLink) {

        /** The young people a worker booked as a group; null for a person registering for themselves. */
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Group(String organisation, List<Member> members) {}

        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Member(String memberId, String name, List<String> supportRequested) {}

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
            String attendance) {

        /** The row's anchor on the page: one per person, a group's young people beside their worker. */
        public String anchor() {
            return "r-" + registrationId + (memberId == null ? "" : "-" + memberId);
        }

        /** "with Sam (Rutland County Council)" for a young person of a group; null otherwise. */
        public String cameWith() {
            if (groupContact == null) {
                return null;
            }
            return "with " + groupContact + (organisation == null ? "" : " (" + organisation + ")");
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
}
