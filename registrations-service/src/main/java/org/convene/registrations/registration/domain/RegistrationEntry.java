package org.convene.registrations.registration.domain;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A registration as organisers see it on their list: with what was marked at the door, for the
 * registrant and for each young person of their group (by member id).
 */
public record RegistrationEntry(
        Registration registration, @Nullable Attendance attendance, Map<String, Attendance> memberAttendance) {

    public RegistrationEntry {
        memberAttendance = memberAttendance == null ? Map.of() : Map.copyOf(memberAttendance);
    }

    public RegistrationEntry(Registration registration, @Nullable Attendance attendance) {
        this(registration, attendance, Map.of());
    }

    /** What was marked at the door for this young person of the group; null if nothing yet. */
    public @Nullable Attendance attendanceOf(GroupMember member) {
        return memberAttendance.get(member.id());
    }
}
