package org.convene.registrations.registration.domain;

import org.jspecify.annotations.Nullable;

/**
 * A young person a worker registers as part of a group: a seat of their own, their own needs and
 * consents, and a guardian's agreement when under 18. Many have no email address; where one is given
 * they get their own confirmation only if the worker asked for it.
 */
public record GroupMember(
        String id,
        String name,
        @Nullable AgeBand ageBand,
        Attendee.@Nullable Guardian guardian,
        SupportNeeds supportNeeds,
        Consents consents,
        @Nullable String email,
        boolean ownConfirmation) {

    /** A short random id: each member is checked in, changed or erased on their own. */
    public static String newId() {
        return Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }

    /** The same seat, with nothing left that says who they were. */
    public GroupMember erased() {
        return new GroupMember(id, "(erased)", null, null, SupportNeeds.NONE, new Consents(false, false), null, false);
    }

    public GroupMember withSupportNeeds(SupportNeeds newNeeds) {
        return new GroupMember(id, name, ageBand, guardian, newNeeds, consents, email, ownConfirmation);
    }

    public GroupMember {
        supportNeeds = supportNeeds == null ? SupportNeeds.NONE : supportNeeds;
        consents = consents == null ? new Consents(false, false) : consents;
    }
}
