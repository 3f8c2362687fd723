package org.convene.notifications.organisation.persistence;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** How emails are written for an organisation, kept from convene.organisations.v1 (newer versions only). */
@Document("organisation_views")
public record OrganisationView(
        @Id String id,
        long version,
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
