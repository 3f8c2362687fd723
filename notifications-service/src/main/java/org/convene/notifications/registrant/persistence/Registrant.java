package org.convene.notifications.registrant.persistence;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person registered or waiting for an event, as far as their emails need: the address and name
 * while the registration is active (both are dropped when it is cancelled), since when they hold a
 * place (for reminders), and the registration's version (newer messages only); the language and
 * reading mode their emails are written in (null in records kept before issue 21: en-GB, standard).
 */
@Document("registrants")
public record Registrant(
        @Id String registrationId,
        @Indexed String eventId,
        @Nullable String email,
        @Nullable String name,
        String status,
        @Nullable Instant confirmedAt,
        long version,
        @Nullable String language,
        @Nullable Boolean easyRead) {

    public static final String CONFIRMED = "CONFIRMED";
    public static final String WAITLISTED = "WAITLISTED";
}
