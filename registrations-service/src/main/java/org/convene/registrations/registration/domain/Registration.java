package org.convene.registrations.registration.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One person's registration for one event, with the companions coming with them and, when a worker or
 * carer registers young people in one go, their group ({@code null} otherwise); {@code invitation} is
 * the id of the invitation it was made with, whose held places it may take (ADR 13), or null.
 */
public record Registration(
        RegistrationId id,
        EventId eventId,
        Attendee attendee,
        List<CompanionKind> companions,
        SupportNeeds supportNeeds,
        Consents consents,
        @Nullable Group group,
        @Nullable String invitation,
        RegistrationStatus status,
        Instant queuedAt,
        String manageTokenHash,
        long version,
        Instant createdAt) {

    public Registration {
        companions = companions == null ? List.of() : List.copyOf(companions);
    }

    public Registration withStatus(RegistrationStatus newStatus) {
        return new Registration(
                id,
                eventId,
                attendee,
                companions,
                supportNeeds,
                consents,
                group,
                invitation,
                newStatus,
                queuedAt,
                manageTokenHash,
                version + 1,
                createdAt);
    }

    /** The same registration with its group changed; the store moves the version on when it writes it. */
    public Registration withGroup(@Nullable Group newGroup) {
        return new Registration(
                id,
                eventId,
                attendee,
                companions,
                supportNeeds,
                consents,
                newGroup,
                invitation,
                status,
                queuedAt,
                manageTokenHash,
                version,
                createdAt);
    }

    public Registration withAttendee(Attendee newAttendee) {
        return new Registration(
                id,
                eventId,
                newAttendee,
                companions,
                supportNeeds,
                consents,
                group,
                invitation,
                status,
                queuedAt,
                manageTokenHash,
                version,
                createdAt);
    }

    /** One seat for the attendee, one per companion and one per young person of their group. */
    public int seats() {
        return 1 + companions.size() + members().size();
    }

    /** The kinds of support asked for by the attendee and anyone of their group, without free text. */
    public List<String> supportRequested() {
        var kinds = new java.util.LinkedHashSet<>(supportNeeds.summary());
        members().forEach(member -> kinds.addAll(member.supportNeeds().summary()));
        return List.copyOf(kinds);
    }

    /**
     * Whether their emails are written in Easy Read: they chose it, or asked for Easy Read material as an
     * access need of their own (issue 21).
     */
    public boolean easyReadEmails() {
        return attendee.wantsEasyRead() || supportNeeds.summary().contains(AccessNeed.EASY_READ.name());
    }

    /** Seats of those of the group still waiting after an organiser accepted the others (see {@link Group}). */
    public int seatsWaiting() {
        return group == null ? 0 : group.waiting().size();
    }

    /** Seats of those confirmed: all of them unless part of the group still waits. */
    public int seatsHeld() {
        return seats() - seatsWaiting();
    }

    /** Whether an organiser accepted part of the group and the rest still waits. */
    public boolean partlyWaiting() {
        return seatsWaiting() > 0;
    }

    /**
     * The party that waits for the rest of the group in the ledger's queue, in the group's place, while
     * the registration holds the seats of those accepted.
     */
    public RegistrationId restOfGroup() {
        return RegistrationId.restOfGroup(id);
    }

    /** Whether this young person of the group still waits after an organiser accepted the others. */
    public boolean isWaiting(String memberId) {
        return group != null && group.waiting().contains(memberId);
    }

    /** The young people of the group; none for a person registering for themselves. */
    public List<GroupMember> members() {
        return group == null ? List.of() : group.members();
    }
}
