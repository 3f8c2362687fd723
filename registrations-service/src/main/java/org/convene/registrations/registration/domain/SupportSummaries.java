package org.convene.registrations.registration.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Counts an event's registrations into what the organiser needs to plan: who is coming and with what needs. */
final class SupportSummaries {

    private SupportSummaries() {}

    static SupportSummary of(List<RegistrationEntry> entries) {
        var confirmed = entries.stream()
                .filter(e -> e.registration().status() == RegistrationStatus.CONFIRMED)
                .toList();
        var waitlisted = entries.stream()
                .filter(e -> e.registration().status() == RegistrationStatus.WAITLISTED)
                .toList();
        var coming = confirmed.stream().map(RegistrationEntry::registration).toList();
        return new SupportSummary(
                coming.stream().mapToInt(Registration::seats).sum(),
                coming.size(),
                waitlisted.stream().mapToInt(e -> e.registration().seats()).sum(),
                waitlisted.size(),
                count(coming.stream().flatMap(r -> r.companions().stream().map(Enum::name))),
                count(coming.stream()
                        .flatMap(SupportSummaries::everyonesNeeds)
                        .map(SupportNeeds::interpreter)
                        .filter(language -> language != null && !language.isBlank())
                        .map(language -> language.strip().toUpperCase(java.util.Locale.ROOT))),
                count(coming.stream()
                        .flatMap(SupportSummaries::everyonesNeeds)
                        .flatMap(needs -> needs.access().stream().map(Enum::name))),
                count(coming.stream()
                        .flatMap(SupportSummaries::everyonesNeeds)
                        .flatMap(needs -> needs.dietary().stream()
                                .map(need -> need.strip().toLowerCase(java.util.Locale.ROOT)))),
                coming.stream()
                                .filter(r -> underEighteenWithConsent(
                                        r.attendee().ageBand(), r.attendee().guardian()))
                                .count()
                        + coming.stream()
                                .flatMap(r -> r.members().stream())
                                .filter(member -> underEighteenWithConsent(member.ageBand(), member.guardian()))
                                .count(),
                marked(confirmed, Attendance.ATTENDED),
                marked(confirmed, Attendance.NO_SHOW));
    }

    /** People marked so at the door: registrants, and each young person of a group on their own. */
    private static long marked(List<RegistrationEntry> confirmed, Attendance attendance) {
        return confirmed.stream().filter(e -> e.attendance() == attendance).count()
                + confirmed.stream()
                        .flatMap(e -> e.memberAttendance().values().stream())
                        .filter(marked -> marked == attendance)
                        .count();
    }

    /** The attendee's needs and those of each young person of their group. */
    private static Stream<SupportNeeds> everyonesNeeds(Registration registration) {
        return Stream.concat(
                Stream.of(registration.supportNeeds()),
                registration.members().stream().map(GroupMember::supportNeeds));
    }

    private static boolean underEighteenWithConsent(@Nullable AgeBand ageBand, Attendee.@Nullable Guardian guardian) {
        return ageBand != null && ageBand.isUnder18() && guardian != null && guardian.consentGiven();
    }

    private static Map<String, Long> count(Stream<String> kinds) {
        return kinds.collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }
}
