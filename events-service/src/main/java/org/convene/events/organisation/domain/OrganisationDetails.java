package org.convene.events.organisation.domain;

import org.jspecify.annotations.Nullable;

/**
 * What an organisation's organisers keep current. The contact address receives support-needs
 * alerts; replies to its emails go to {@code replyTo} (the contact address when absent); its
 * newsletters carry its brand colour; {@code announceNewEvents} announces each newly published
 * workshop to newsletter subscribers of the matching topic.
 */
public record OrganisationDetails(
        String name,
        String contactEmail,
        @Nullable String replyTo,
        @Nullable String brandColour,
        boolean announceNewEvents) {}
