package org.convene.registrations.registration.domain;

import java.time.Instant;
import java.util.List;

/** One person's registration for one event, with the companions coming with them. */
public record Registration(
        RegistrationId id,
        EventId eventId,
        Attendee attendee,
        List<CompanionKind> companions,
        SupportNeeds supportNeeds,
        Consents consents,
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
                newStatus,
                queuedAt,
                manageTokenHash,
                version + 1,
                createdAt);
    }

    /** One seat for the attendee and one per companion. */
    public int seats() {
        return 1 + companions.size();
    }
}
