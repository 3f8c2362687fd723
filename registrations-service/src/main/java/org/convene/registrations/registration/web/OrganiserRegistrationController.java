package org.convene.registrations.registration.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.convene.registrations.registration.domain.Attendance;
import org.convene.registrations.registration.domain.AttendeeRole;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.Organiser;
import org.convene.registrations.registration.domain.RegistrationEntry;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.RegistrationService;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.registrations.registration.domain.SupportSummary;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What organisers of the event's own organisation see and do: the attendee list with support
 * needs, the summary to plan the room, a CSV export, check-in at the door and erasure on request.
 * Another organisation's event is not found. Nothing here is cached or logged.
 */
@RestController
class OrganiserRegistrationController {

    /**
     * One person on the list. A group's young people each have their own row beside their worker's,
     * with the registration they came in ({@code registrationId}), their own {@code memberId}, who
     * brought them ({@code groupContact}) and from where ({@code organisation}); seats add up to the
     * registration's. {@code invitation}: the partner organisation whose invitation it was made with
     * (ADR 13), "a revoked invitation" once that is revoked; null without one.
     */
    record AttendeeRow(
            String registrationId,
            @Nullable String memberId,
            @Nullable String groupContact,
            @Nullable String organisation,
            @Nullable String invitation,
            String status,
            int seats,
            String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String role,
            @Nullable String ageBand,
            @Nullable String guardianName,
            @Nullable String guardianContact,
            boolean guardianConsent,
            List<String> companions,
            @Nullable String interpreter,
            List<String> accessNeeds,
            List<String> dietary,
            @Nullable String otherNeeds,
            boolean photoConsent,
            boolean contactConsent,
            @Nullable String attendance) {}

    /** {@code memberId}: one young person of the registration's group, checked in on their own. */
    record CheckIn(
            @NotNull Attendance attendance,

            @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9]{1,20}", message = "is not a member id")
            String memberId) {}

    private final RegistrationService registrations;

    OrganiserRegistrationController(RegistrationService registrations) {
        this.registrations = registrations;
    }

    @GetMapping("/api/events/{eventId}/registrations")
    Mono<ResponseEntity<List<AttendeeRow>>> list(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String eventId,
            @RequestParam(required = false) RegistrationStatus status) {
        return rows(organiser(jwt), new EventId(eventId), status)
                .map(rows ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(rows));
    }

    @GetMapping("/api/events/{eventId}/registrations/summary")
    Mono<ResponseEntity<SupportSummary>> summary(@AuthenticationPrincipal Jwt jwt, @PathVariable String eventId) {
        return registrations
                .summary(organiser(jwt), new EventId(eventId))
                .map(summary ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(summary));
    }

    @GetMapping(value = "/api/events/{eventId}/registrations/export.csv", produces = "text/csv")
    Mono<ResponseEntity<String>> export(@AuthenticationPrincipal Jwt jwt, @PathVariable String eventId) {
        return rows(organiser(jwt), new EventId(eventId), null)
                .map(rows -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .cacheControl(CacheControl.noStore())
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"attendees-" + eventId.replaceAll("[^A-Za-z0-9-]", "")
                                        + ".csv\"")
                        .body(Csv.of(rows)));
    }

    @PostMapping("/api/registrations/{registrationId}/check-in")
    Mono<ResponseEntity<Void>> checkIn(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String registrationId,
            @Valid @RequestBody CheckIn checkIn) {
        return registrations
                .checkIn(organiser(jwt), new RegistrationId(registrationId), checkIn.attendance(), checkIn.memberId())
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** A code from a manage page, typed or scanned at the door. */
    record CheckInByCode(
            @NotNull
            @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_-]{1,100}", message = "is not a check-in code")
            String code,

            @NotNull Attendance attendance) {}

    /**
     * Who was marked: {@code memberId} null for the registrant, else one young person of their group;
     * {@code alreadyMarked} when they had been marked so before (the same code again is no error).
     */
    record CheckedIn(
            String registrationId, @Nullable String memberId, String name, String attendance, boolean alreadyMarked) {}

    /**
     * Checks in the person a check-in code names among the event's registrations: 404 when it names no
     * one there (or the event is another organisation's), 409 when they are not confirmed.
     */
    @PostMapping("/api/events/{eventId}/check-in")
    Mono<ResponseEntity<CheckedIn>> checkInByCode(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String eventId, @Valid @RequestBody CheckInByCode checkIn) {
        return registrations
                .checkInByCode(organiser(jwt), new EventId(eventId), checkIn.code(), checkIn.attendance())
                .map(person -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(new CheckedIn(
                                person.registrationId().value(),
                                person.memberId(),
                                person.name(),
                                person.attendance().name(),
                                person.alreadyMarked())));
    }

    /** The young people of a waiting group an organiser accepts now, by their member ids. */
    record AcceptPart(
            @jakarta.validation.constraints.NotEmpty @jakarta.validation.constraints.Size(max = 50)
            List<
                            @NotNull
                            @jakarta.validation.constraints.Pattern(
                                    regexp = "[a-z0-9]{1,20}",
                                    message = "is not a member id")
                            String>
                    memberIds) {}

    /**
     * Part of a waiting group comes now: the chosen young people and the group's adults take their
     * seats if they fit, and the others keep the group's place in the queue.
     */
    @PostMapping("/api/registrations/{registrationId}/accept-part")
    Mono<ResponseEntity<Void>> acceptPart(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String registrationId,
            @Valid @RequestBody AcceptPart part) {
        return registrations
                .acceptPart(organiser(jwt), new RegistrationId(registrationId), part.memberIds())
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/api/registrations/{registrationId}/cancel")
    Mono<ResponseEntity<Void>> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String registrationId) {
        return registrations
                .cancelFor(organiser(jwt), new RegistrationId(registrationId))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/api/registrations/{registrationId}/erase")
    Mono<ResponseEntity<Void>> erase(@AuthenticationPrincipal Jwt jwt, @PathVariable String registrationId) {
        return registrations
                .erase(organiser(jwt), new RegistrationId(registrationId))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** One young person of a group erased on request; the rest of the group stays as it is. */
    @PostMapping("/api/registrations/{registrationId}/members/{memberId}/erase")
    Mono<ResponseEntity<Void>> eraseMember(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String registrationId, @PathVariable String memberId) {
        return registrations
                .eraseMember(organiser(jwt), new RegistrationId(registrationId), memberId)
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static Organiser organiser(Jwt jwt) {
        return OrganiserTokens.organiser(jwt);
    }

    /** Every row of the event's list, with the partners of the invitations registrations were made with. */
    private Mono<List<AttendeeRow>> rows(Organiser organiser, EventId event, @Nullable RegistrationStatus status) {
        return registrations
                .list(organiser, event, status)
                .collectList()
                .flatMap(entries -> registrations.availability(event).map(seats -> {
                    var partners = new java.util.HashMap<String, String>();
                    seats.invitations().forEach(invitation -> partners.put(invitation.id(), invitation.partner()));
                    var rows = new java.util.ArrayList<AttendeeRow>(entries.size());
                    entries.forEach(entry -> rows.addAll(rows(entry, partners)));
                    return rows;
                }));
    }

    /** The registrant's row, then one per young person of their group. */
    private static List<AttendeeRow> rows(RegistrationEntry entry, Map<String, String> partners) {
        var r = entry.registration();
        var rows = new java.util.ArrayList<AttendeeRow>(1 + r.members().size());
        var invitation = r.invitation() == null ? null : partners.getOrDefault(r.invitation(), "a revoked invitation");
        rows.add(row(entry, invitation));
        var organisation = r.group() == null ? null : r.group().organisation();
        for (var member : r.members()) {
            var guardian = member.guardian();
            var needs = member.supportNeeds();
            var attendance = entry.attendanceOf(member);
            rows.add(new AttendeeRow(
                    r.id().value(),
                    member.id(),
                    r.attendee().name(),
                    organisation,
                    invitation,
                    r.isWaiting(member.id())
                            ? RegistrationStatus.WAITLISTED.name()
                            : r.status().name(),
                    1,
                    member.name(),
                    member.email(),
                    null,
                    AttendeeRole.YOUNG_PERSON.name(),
                    member.ageBand() == null ? null : member.ageBand().name(),
                    guardian == null ? null : guardian.name(),
                    guardian == null ? null : guardian.contact(),
                    guardian != null && guardian.consentGiven(),
                    List.of(),
                    needs.interpreter(),
                    needs.access().stream().map(Enum::name).sorted().toList(),
                    needs.dietary(),
                    needs.other(),
                    member.consents().photos(),
                    member.consents().futureContact(),
                    attendance == null ? null : attendance.name()));
        }
        return rows;
    }

    private static AttendeeRow row(RegistrationEntry entry, @Nullable String invitation) {
        var r = entry.registration();
        var a = r.attendee();
        var needs = r.supportNeeds();
        return new AttendeeRow(
                r.id().value(),
                null,
                null,
                r.group() == null ? null : r.group().organisation(),
                invitation,
                r.status().name(),
                r.seats() - r.members().size(),
                a.name(),
                a.email(),
                a.phone(),
                a.role() == null ? null : a.role().name(),
                a.ageBand() == null ? null : a.ageBand().name(),
                a.guardian() == null ? null : a.guardian().name(),
                a.guardian() == null ? null : a.guardian().contact(),
                a.guardian() != null && a.guardian().consentGiven(),
                r.companions().stream().map(Enum::name).toList(),
                needs.interpreter(),
                needs.access().stream().map(Enum::name).sorted().toList(),
                needs.dietary(),
                needs.other(),
                r.consents().photos(),
                r.consents().futureContact(),
                entry.attendance() == null ? null : entry.attendance().name());
    }

    /** RFC 4180 with a guard against spreadsheet formulas in what people typed. */
    static final class Csv {

        private Csv() {}

        static String of(List<AttendeeRow> rows) {
            var out = new StringBuilder(
                    "name,email,phone,role,age band,status,seats,companions,interpreter,access needs,dietary,"
                            + "other needs,guardian,guardian contact,guardian consent,photo consent,attendance,"
                            + "group of,organisation,invitation\r\n");
            for (var row : rows) {
                out.append(String.join(
                                ",",
                                cell(row.name()),
                                cell(row.email()),
                                cell(row.phone()),
                                cell(row.role()),
                                cell(row.ageBand()),
                                cell(row.status()),
                                cell(String.valueOf(row.seats())),
                                cell(String.join("; ", row.companions())),
                                cell(row.interpreter()),
                                cell(String.join("; ", row.accessNeeds())),
                                cell(String.join("; ", row.dietary())),
                                cell(row.otherNeeds()),
                                cell(row.guardianName()),
                                cell(row.guardianContact()),
                                cell(row.guardianConsent() ? "yes" : "no"),
                                cell(row.photoConsent() ? "yes" : "no"),
                                cell(row.attendance()),
                                cell(row.groupContact()),
                                cell(row.organisation()),
                                cell(row.invitation())))
                        .append("\r\n");
            }
            return out.toString();
        }

        static String cell(@Nullable String value) {
            if (value == null) {
                return "";
            }
            var safe = value;
            if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
                safe = "'" + safe;
            }
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
    }
}
