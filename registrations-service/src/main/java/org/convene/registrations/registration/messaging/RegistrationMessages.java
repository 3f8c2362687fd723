package org.convene.registrations.registration.messaging;

import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.registrations.registration.domain.RegistrationChange;

/**
 * A registration's change as {@code convene.registrations.v1} carries it: the domain's {@link
 * RegistrationChange}, field for field, in the wire's names and types. The store writes these to the
 * outbox in the same write as the change; the relay publishes them as written.
 */
public final class RegistrationMessages {

    private RegistrationMessages() {}

    public static RegistrationMessage of(RegistrationChange change) {
        return new RegistrationMessage(
                change.messageId(),
                type(change.type()),
                change.occurredAt(),
                change.eventId().value(),
                change.registrationId().value(),
                change.aggregateVersion(),
                status(change.status()),
                change.attendeeName(),
                change.attendeeEmail(),
                change.seats(),
                change.companions(),
                change.waitlistPosition(),
                change.manageToken(),
                change.supportRequested(),
                change.groupMembers().stream()
                        .map(member ->
                                new RegistrationMessage.GroupMember(member.name(), member.email(), member.waiting()))
                        .toList(),
                change.arranged().stream()
                        .map(arranged -> new RegistrationMessage.Arranged(arranged.need(), arranged.note()))
                        .toList(),
                change.language(),
                change.easyRead(),
                change.checkInCode());
    }

    static RegistrationMessageType type(RegistrationChange.Type type) {
        return switch (type) {
            case CONFIRMED -> RegistrationMessageType.RegistrationConfirmed;
            case WAITLISTED -> RegistrationMessageType.RegistrationWaitlisted;
            case PROMOTED -> RegistrationMessageType.RegistrationPromoted;
            case CANCELLED -> RegistrationMessageType.RegistrationCancelled;
            case SUPPORT_NEEDS_REQUESTED -> RegistrationMessageType.SupportNeedsRequested;
            case CHECKED_IN -> RegistrationMessageType.AttendeeCheckedIn;
            case MEMBER_REMOVED -> RegistrationMessageType.GroupMemberRemoved;
            case MEMBER_ERASED -> RegistrationMessageType.GroupMemberErased;
            case SUPPORT_ARRANGED -> RegistrationMessageType.SupportArranged;
            case READING_CHANGED -> RegistrationMessageType.ReadingPreferencesChanged;
        };
    }

    private static RegistrationMessage.Status status(RegistrationChange.Standing standing) {
        return switch (standing) {
            case CONFIRMED -> RegistrationMessage.Status.CONFIRMED;
            case WAITLISTED -> RegistrationMessage.Status.WAITLISTED;
            case CANCELLED -> RegistrationMessage.Status.CANCELLED;
        };
    }
}
