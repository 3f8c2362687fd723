package org.convene.events.organisation.messaging;

import java.time.Instant;
import java.util.UUID;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.contracts.organisations.OrganisationMessageType;
import org.convene.events.organisation.domain.Organisation;

/** The organisation as other services see it after a change: its whole state. */
public final class OrganisationMessages {

    private OrganisationMessages() {}

    public static OrganisationMessage announce(Organisation organisation, Instant occurredAt) {
        var details = organisation.details();
        return new OrganisationMessage(
                UUID.randomUUID(),
                organisation.version() == 1
                        ? OrganisationMessageType.OrganisationRegistered
                        : OrganisationMessageType.OrganisationUpdated,
                occurredAt,
                organisation.id().value(),
                organisation.version(),
                details.name(),
                details.contactEmail(),
                details.replyTo(),
                details.brandColour(),
                details.announceNewEvents());
    }
}
