package org.convene.notifications.subscription.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Someone on an organisation's newsletter list, and the rules of double opt-in (invariant 4,
 * docs/invariants.md) for them: subscribing makes an address pending and asks it to confirm; it is asked
 * again only after a pause; the private token from the email (in every email to them) confirms it, changes
 * its topics, lets it leave or erase itself; leaving is one step and final for the address as it was, and
 * who subscribes again starts over, pending, with a new token so the links in old emails stay dead.
 *
 * <p>Each rule answers with a {@link SubscriberChange}: the new state to store, the same state when a repeat
 * changes nothing, or why not. The subscriber itself never changes; {@link Subscribers} stores the new state
 * only if nobody stored another since this one was read ({@code version}).
 *
 * <p>The id is derived from the organisation and the address, so one address is on one organisation's list
 * once, however often it subscribes. {@code language} (a BCP 47 tag: en-GB, cy, ar) and {@code easyRead}: how
 * they want to be written to (issue 21); subscribers stored before them read as English, standard, and those
 * stored before versions as version 0.
 */
public record Subscriber(
        String id,
        String organisationId,
        String email,
        @Nullable String name,
        Set<String> topics,
        SubscriberStatus status,
        String token,
        Instant subscribedAt,
        @Nullable Instant confirmedAt,
        @Nullable Instant unsubscribedAt,
        Instant lastConfirmationSentAt,
        String language,
        Boolean easyRead,
        Long version) {

    public static final String DEFAULT_LANGUAGE = "en-GB";

    public Subscriber {
        language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language;
        easyRead = Boolean.TRUE.equals(easyRead);
        version = version == null ? 0 : version;
    }

    /** As before versions. */
    public Subscriber(
            String id,
            String organisationId,
            String email,
            @Nullable String name,
            Set<String> topics,
            SubscriberStatus status,
            String token,
            Instant subscribedAt,
            @Nullable Instant confirmedAt,
            @Nullable Instant unsubscribedAt,
            Instant lastConfirmationSentAt,
            @Nullable String language,
            @Nullable Boolean easyRead) {
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
                language == null ? DEFAULT_LANGUAGE : language,
                Boolean.TRUE.equals(easyRead),
                0L);
    }

    /** As before issue 21: English, standard. */
    public Subscriber(
            String id,
            String organisationId,
            String email,
            @Nullable String name,
            Set<String> topics,
            SubscriberStatus status,
            String token,
            Instant subscribedAt,
            @Nullable Instant confirmedAt,
            @Nullable Instant unsubscribedAt,
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
                DEFAULT_LANGUAGE,
                false);
    }

    /** A new address on the list: pending, asked to confirm now. */
    public static Subscriber subscribe(
            String id,
            String organisationId,
            String email,
            @Nullable String name,
            Set<String> topics,
            String language,
            boolean easyRead,
            String token,
            Instant now) {
        return new Subscriber(
                id,
                organisationId,
                email,
                name,
                new TreeSet<>(topics),
                SubscriberStatus.PENDING,
                token,
                now,
                null,
                null,
                now,
                language,
                easyRead,
                1L);
    }

    /**
     * The address subscribes again. Pending: asked again, with the same link, once {@code pause} has passed
     * since it was last asked. Gone: starts over, pending, with {@code newToken}, so the links in old emails
     * stay dead; also only after the pause, so leaving and rejoining cannot flood an inbox. Confirmed: nothing
     * to ask. Their name, topics and language are taken as they give them now only when they are asked.
     */
    public SubscriberChange askAgain(
            @Nullable String newName,
            Set<String> newTopics,
            String newLanguage,
            boolean newEasyRead,
            String newToken,
            Instant now,
            Duration pause) {
        if (status == SubscriberStatus.CONFIRMED) {
            return new SubscriberChange.Refused(this, SubscriberChange.Refusal.CONFIRMED_ALREADY);
        }
        if (lastConfirmationSentAt != null && !lastConfirmationSentAt.isBefore(now.minus(pause))) {
            return new SubscriberChange.Refused(this, SubscriberChange.Refusal.ASKED_RECENTLY);
        }
        var rejoining = status == SubscriberStatus.UNSUBSCRIBED;
        return new SubscriberChange.Changed(new Subscriber(
                id,
                organisationId,
                email,
                newName,
                new TreeSet<>(newTopics),
                SubscriberStatus.PENDING,
                rejoining ? newToken : token,
                rejoining ? now : subscribedAt,
                rejoining ? null : confirmedAt,
                rejoining ? null : unsubscribedAt,
                now,
                newLanguage,
                newEasyRead,
                version + 1));
    }

    /**
     * The link from the email confirms a pending address; confirming again changes nothing. A wrong token
     * confirms nothing, and neither does an old link once they left.
     */
    public SubscriberChange confirm(String givenToken, Instant now) {
        if (!holds(givenToken)) {
            return new SubscriberChange.Refused(this, SubscriberChange.Refusal.WRONG_TOKEN);
        }
        return switch (status) {
            case PENDING -> new SubscriberChange.Changed(with(SubscriberStatus.CONFIRMED, now, unsubscribedAt));
            case CONFIRMED -> new SubscriberChange.Unchanged(this);
            case UNSUBSCRIBED -> new SubscriberChange.Refused(this, SubscriberChange.Refusal.ENDED);
        };
    }

    /** Name and topics as given; {@code newLanguage}, {@code newEasyRead}: null leaves them as they are. */
    public SubscriberChange changePreferences(
            String givenToken,
            @Nullable String newName,
            Set<String> newTopics,
            @Nullable String newLanguage,
            @Nullable Boolean newEasyRead) {
        if (!holds(givenToken)) {
            return new SubscriberChange.Refused(this, SubscriberChange.Refusal.WRONG_TOKEN);
        }
        return new SubscriberChange.Changed(new Subscriber(
                id,
                organisationId,
                email,
                newName,
                new TreeSet<>(newTopics),
                status,
                token,
                subscribedAt,
                confirmedAt,
                unsubscribedAt,
                lastConfirmationSentAt,
                newLanguage == null ? language : newLanguage,
                newEasyRead == null ? easyRead : newEasyRead,
                version + 1));
    }

    /** One step, no confirmation asked (RFC 8058 one-click), pending or confirmed; leaving again changes nothing. */
    public SubscriberChange leave(String givenToken, Instant now) {
        if (!holds(givenToken)) {
            return new SubscriberChange.Refused(this, SubscriberChange.Refusal.WRONG_TOKEN);
        }
        if (status == SubscriberStatus.UNSUBSCRIBED) {
            return new SubscriberChange.Unchanged(this);
        }
        return new SubscriberChange.Changed(with(SubscriberStatus.UNSUBSCRIBED, confirmedAt, now));
    }

    /**
     * Whoever holds the token may erase the subscriber, in any state: the answer is the subscriber to remove,
     * whose address is then forgotten wherever it was sent.
     */
    public SubscriberChange erase(String givenToken) {
        return holds(givenToken)
                ? new SubscriberChange.Changed(this)
                : new SubscriberChange.Refused(this, SubscriberChange.Refusal.WRONG_TOKEN);
    }

    public boolean receivesNewsletters() {
        return status.receivesNewsletters();
    }

    public boolean wantsEasyRead() {
        return Boolean.TRUE.equals(easyRead);
    }

    private boolean holds(@Nullable String givenToken) {
        return givenToken != null && !givenToken.isBlank() && givenToken.equals(token);
    }

    private Subscriber with(
            SubscriberStatus newStatus, @Nullable Instant newConfirmedAt, @Nullable Instant newUnsubscribedAt) {
        return new Subscriber(
                id,
                organisationId,
                email,
                name,
                topics,
                newStatus,
                token,
                subscribedAt,
                newConfirmedAt,
                newUnsubscribedAt,
                lastConfirmationSentAt,
                language,
                easyRead,
                version + 1);
    }
}
