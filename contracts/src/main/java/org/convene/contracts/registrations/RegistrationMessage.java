package org.convene.contracts.registrations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What registrations-service publishes on {@code convene.registrations.v1}, keyed by
 * {@code eventId}. It carries only what notifications need to write to the person: no age,
 * guardian details or free-text support needs. {@code manageToken} travels only in the first
 * message to the person (confirmed or waitlisted), so their email can hold their private link;
 * registrations-service itself keeps only its hash.
 *
 * <p>{@code groupMembers}: the young people a worker or carer registered as a group, so the worker's
 * email lists who is booked and those who asked get their own; empty for a person registering for
 * themselves (and in older messages, absent).
 *
 * <p>{@code arranged}: for {@code SupportArranged}, everything arranged for this person so far;
 * empty otherwise (absent in older messages).
 *
 * <p>{@code language} and {@code easyRead}: how the person wants to be written to (issue 21), a BCP 47 tag
 * ({@code en-GB}, {@code cy}, {@code ar}) and the Easy Read mode; absent in older messages, which means
 * {@code en-GB} and standard — read them with {@link #languageOrDefault()} and {@link #wantsEasyRead()}.
 *
 * <p>{@code checkInCode}: on {@code RegistrationConfirmed} and {@code RegistrationPromoted}, the person's
 * opaque code to show at the door (issue 22), so their email can carry it as a QR code; null otherwise
 * (and absent in older messages). registrations-service derives it again when it is shown, never stores it.
 *
 * <p>Schema and one sample per type: {@code docs/messages/convene.registrations.v1/}.
 */
public record RegistrationMessage(
        UUID messageId,
        RegistrationMessageType type,
        Instant occurredAt,
        String eventId,
        String registrationId,
        long aggregateVersion,
        Status status,
        @Nullable String attendeeName,
        @Nullable String attendeeEmail,
        int seats,
        List<String> companions,
        @Nullable Integer waitlistPosition,
        @Nullable String manageToken,
        List<String> supportRequested,
        @Nullable List<GroupMember> groupMembers,
        @Nullable List<Arranged> arranged,
        @Nullable String language,
        @Nullable Boolean easyRead,
        @Nullable String checkInCode) {

    /** The language of messages that do not say (all those written before issue 21). */
    public static final String DEFAULT_LANGUAGE = "en-GB";

    /** As before issue 21: the person's language and reading mode unknown, so English, standard. */
    public RegistrationMessage(
            UUID messageId,
            RegistrationMessageType type,
            Instant occurredAt,
            String eventId,
            String registrationId,
            long aggregateVersion,
            Status status,
            @Nullable String attendeeName,
            @Nullable String attendeeEmail,
            int seats,
            List<String> companions,
            @Nullable Integer waitlistPosition,
            @Nullable String manageToken,
            List<String> supportRequested,
            @Nullable List<GroupMember> groupMembers,
            @Nullable List<Arranged> arranged) {
        this(
                messageId,
                type,
                occurredAt,
                eventId,
                registrationId,
                aggregateVersion,
                status,
                attendeeName,
                attendeeEmail,
                seats,
                companions,
                waitlistPosition,
                manageToken,
                supportRequested,
                groupMembers,
                arranged,
                null,
                null,
                null);
    }

    /** Without a check-in code: every message but a confirmation's or a promotion's. */
    public RegistrationMessage(
            UUID messageId,
            RegistrationMessageType type,
            Instant occurredAt,
            String eventId,
            String registrationId,
            long aggregateVersion,
            Status status,
            @Nullable String attendeeName,
            @Nullable String attendeeEmail,
            int seats,
            List<String> companions,
            @Nullable Integer waitlistPosition,
            @Nullable String manageToken,
            List<String> supportRequested,
            @Nullable List<GroupMember> groupMembers,
            @Nullable List<Arranged> arranged,
            @Nullable String language,
            @Nullable Boolean easyRead) {
        this(
                messageId,
                type,
                occurredAt,
                eventId,
                registrationId,
                aggregateVersion,
                status,
                attendeeName,
                attendeeEmail,
                seats,
                companions,
                waitlistPosition,
                manageToken,
                supportRequested,
                groupMembers,
                arranged,
                language,
                easyRead,
                null);
    }

    public String languageOrDefault() {
        return language == null || language.isBlank() ? DEFAULT_LANGUAGE : language;
    }

    public boolean wantsEasyRead() {
        return Boolean.TRUE.equals(easyRead);
    }

    /**
     * What an organiser has arranged for the person's support ({@code SupportArranged}): the kind of
     * need as a code ({@code INTERPRETER_BSL}, {@code STEP_FREE_ACCESS}, {@code DIETARY}, {@code OTHER}),
     * never the person's own words, and the organiser's short note for them (may be null).
     */
    public record Arranged(String need, @Nullable String note) {}

    /**
     * A young person a worker registered as part of their group: their name, and their email address
     * only where the worker asked for them to get their own emails and this message is news to them
     * (otherwise null). {@code waiting}: true while they still wait for a place after an organiser
     * accepted others of the group; absent (older messages) means false.
     */
    public record GroupMember(
            String name, @Nullable String email, @Nullable Boolean waiting) {

        public GroupMember(String name, @Nullable String email) {
            this(name, email, null);
        }

        public boolean stillWaiting() {
            return Boolean.TRUE.equals(waiting);
        }
    }

    public enum Status {
        CONFIRMED,
        WAITLISTED,
        CANCELLED
    }
}
