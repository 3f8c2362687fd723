package org.convene.notifications.organisation.domain;

import org.jspecify.annotations.Nullable;

/**
 * How emails are written for an organisation: in its name, replies to its reply-to address (else its
 * contact address), alerts to its contact address, in its colour; and whether its new public events are
 * announced to its subscribers.
 */
public record Organisation(
        OrganisationId id,
        String name,
        String contactEmail,
        @Nullable String replyTo,
        @Nullable String brandColour,
        boolean announceNewEvents) {

    /** Replies go to the reply-to address, else to the contact address. */
    public String replyAddress() {
        return replyTo == null || replyTo.isBlank() ? contactEmail : replyTo;
    }
}
