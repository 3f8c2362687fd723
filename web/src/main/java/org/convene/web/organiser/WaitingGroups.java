package org.convene.web.organiser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.convene.web.api.Registrations.Attendee;

/**
 * Groups waiting for places, as the organiser's event page offers them to accept in part: a worker's
 * row waiting with the young people of their group beside it. Read from the organiser rows alone
 * (one row per young person, sharing the registration's id with their worker's).
 */
final class WaitingGroups {

    private WaitingGroups() {}

    /**
     * A waiting group: its worker, their organisation (or null), and its young people, in the rows' order. The
     * page names it in the reader's language ("Sam Worker’s group from Rutland County Council").
     */
    record Group(String registrationId, String worker, String organisation, List<Attendee> members) {

        /** The checkbox of one young person; the first one is where an error summary leads. */
        public String checkboxId(Attendee member) {
            return "accept-" + registrationId + "-" + member.memberId();
        }

        public String firstCheckboxId() {
            return checkboxId(members.getFirst());
        }
    }

    /** Why accepting part of one group was refused, with the young people chosen, to show the form again. */
    record Refusal(String registrationId, String message, Set<String> chosen) {

        public boolean isFor(Group group) {
            return registrationId.equals(group.registrationId());
        }

        public boolean chose(Attendee member) {
            return chosen.contains(member.memberId());
        }
    }

    /** The groups whose worker's row waits, each with its young people. */
    static List<Group> of(List<Attendee> attendees) {
        var workers = new LinkedHashMap<String, Attendee>();
        Map<String, List<Attendee>> members = new LinkedHashMap<>();
        for (var row : attendees) {
            if (row.isMember()) {
                members.computeIfAbsent(row.registrationId(), id -> new ArrayList<>())
                        .add(row);
            } else if (row.isWaitlisted()) {
                workers.put(row.registrationId(), row);
            }
        }
        var groups = new ArrayList<Group>();
        workers.forEach((id, worker) -> {
            var young = members.get(id);
            if (young != null && young.size() > 1) {
                groups.add(new Group(id, worker.name(), worker.organisation(), List.copyOf(young)));
            }
        });
        return groups;
    }

    /**
     * The anchors of young people still waiting while the rest of their group is booked (an organiser
     * accepted part of it): their worker's row is confirmed, theirs waits.
     */
    static Set<String> stillWaiting(List<Attendee> attendees) {
        var booked = attendees.stream()
                .filter(row -> !row.isMember() && "CONFIRMED".equals(row.status()))
                .map(Attendee::registrationId)
                .collect(Collectors.toSet());
        return attendees.stream()
                .filter(row -> row.isMember() && row.isWaitlisted() && booked.contains(row.registrationId()))
                .map(Attendee::anchor)
                .collect(Collectors.toSet());
    }

    /** The API's refusal of a choice (ADR: validation lives in the API), in words for the organiser. */
    static String sentence(String apiMessage, OrganiserWords.In words) {
        if (apiMessage == null || apiMessage.isBlank() || apiMessage.startsWith("must not be")) {
            return words.text("organiser.groups.chooseWho");
        }
        if (apiMessage.startsWith("is ")) {
            return words.text("organiser.groups.chooseOfGroup");
        }
        if (apiMessage.startsWith("size must be")) {
            return words.text("organiser.groups.chooseFewer");
        }
        // A sentence of the API's own, for people: shown as it wrote it.
        return Character.toUpperCase(apiMessage.charAt(0)) + apiMessage.substring(1);
    }
}
