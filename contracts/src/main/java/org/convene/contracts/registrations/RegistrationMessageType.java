package org.convene.contracts.registrations;

/** Past-tense names of what happened to a registration. */
public enum RegistrationMessageType {
    RegistrationConfirmed,
    RegistrationWaitlisted,
    RegistrationPromoted,
    RegistrationCancelled,
    /** For the organisation's alert: someone asked for an interpreter, access support or food. */
    SupportNeedsRequested,
    /** The organiser marked the person as attended at the door. */
    AttendeeCheckedIn,
    /**
     * The person's data was erased (on their request or by retention): ids only, no name or
     * address. Whoever kept anything about the person for this registration forgets it.
     */
    RegistrationErased,
    /**
     * The worker took a young person off their group: {@code groupMembers} is that one person (their
     * address only if they asked for their own emails), so they can be told and then forgotten.
     */
    GroupMemberRemoved,
    /**
     * One young person of a group was erased on request: {@code groupMembers} is that one person, so
     * whoever kept their name or address for this registration forgets it; the rest of the group stays.
     */
    GroupMemberErased,
    /**
     * An organiser arranged support the person (or someone of their group) asked for: {@code arranged}
     * lists everything arranged for them so far, so their email and page say it in plain words.
     */
    SupportArranged,
    /**
     * The person changed the language or reading mode of their emails (issue 21) on their manage page:
     * {@code language} and {@code easyRead} say what they chose; nobody is emailed about it.
     */
    ReadingPreferencesChanged
}
