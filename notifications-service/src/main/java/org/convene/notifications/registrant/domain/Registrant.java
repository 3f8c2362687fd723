package org.convene.notifications.registrant.domain;

import java.time.Instant;
import org.convene.notifications.event.domain.EventId;
import org.jspecify.annotations.Nullable;

/**
 * A person registered or waiting for an event, as far as their emails need: the address and name while
 * the registration is active, since when they hold a place (for reminders), the registration's version
 * (newer news only), and the language (a BCP 47 tag) and reading mode their emails are written in.
 */
public record Registrant(
        RegistrationId registrationId,
        EventId eventId,
        @Nullable String email,
        @Nullable String name,
        RegistrantStatus status,
        @Nullable Instant confirmedAt,
        long version,
        @Nullable String language,
        boolean easyRead) {

    /**
     * The registration as news of it at {@code at} says it is. A cancelled registration keeps neither
     * address nor name: nobody is written to about an event they left. Only a confirmed one holds a place,
     * since {@code at}.
     */
    public static Registrant as(
            RegistrationId registrationId,
            EventId eventId,
            RegistrantStatus status,
            @Nullable String email,
            @Nullable String name,
            Instant at,
            long version,
            String language,
            boolean easyRead) {
        var active = status != RegistrantStatus.CANCELLED;
        return new Registrant(
                registrationId,
                eventId,
                active ? email : null,
                active ? name : null,
                status,
                status == RegistrantStatus.CONFIRMED ? at : null,
                version,
                language,
                easyRead);
    }

    /**
     * Whether they are reminded of an event whose reminders go out at {@code remindFrom}: someone who got
     * their place after that has just had their confirmation, and is not reminded as well.
     */
    public boolean remindedAt(Instant remindFrom) {
        return confirmedAt == null || !confirmedAt.isAfter(remindFrom);
    }
}
