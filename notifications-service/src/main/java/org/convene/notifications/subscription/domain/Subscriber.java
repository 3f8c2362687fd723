package org.convene.notifications.subscription.domain;

import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;

/**
 * Someone on an organisation's newsletter list. The id is derived from the organisation and the
 * address, so one address is on one organisation's list once, however often it subscribes. The
 * private token (in every email to them) lets them confirm, change topics, leave, export or erase.
 * {@code language} (a BCP 47 tag: en-GB, cy, ar) and {@code easyRead}: how they want to be written to
 * (issue 21); subscribers stored before them read as English, standard.
 */
public record Subscriber(
        @Id String id,
        String organisationId,
        String email,
        String name,
        Set<String> topics,
        SubscriberStatus status,
        String token,
        Instant subscribedAt,
        Instant confirmedAt,
        Instant unsubscribedAt,
        Instant lastConfirmationSentAt,
        String language,
        Boolean easyRead) {

    public static final String DEFAULT_LANGUAGE = "en-GB";

    public Subscriber {
        language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language;
        easyRead = Boolean.TRUE.equals(easyRead);
    }

    /** As before issue 21: English, standard. */
    public Subscriber(
            String id,
            String organisationId,
            String email,
            String name,
            Set<String> topics,
            SubscriberStatus status,
            String token,
            Instant subscribedAt,
            Instant confirmedAt,
            Instant unsubscribedAt,
            Instant lastConfirmationSentAt) {
        this(
                id,
                organisationId,
                email,
                name,
                topics,
                status,
                token,
                subscribedAt,
                confirmedAt,
                unsubscribedAt,
                lastConfirmationSentAt,
                null,
                null);
    }

    public boolean wantsEasyRead() {
        return Boolean.TRUE.equals(easyRead);
    }
}
