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
    RegistrationErased
}
