package org.convene.notifications.delivery.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.convene.notifications.delivery.domain.DeliveryStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One email to one person for one reason. Its id is what caused it (a message, a reminder of an
 * event for a registration, a subscription request) plus who it is for (a role or a registration
 * id, never an address: the id is also the email's Message-ID), so the same cause found again finds
 * the delivery already there and nothing is sent twice (invariant 3, docs/invariants.md).
 *
 * @param recipient the address; null for an alert to an organisation, whose contact address is
 *     looked up when it is sent
 * @param privateLink a link only the recipient should hold (manage, confirm); dropped once sent
 * @param traceparent the trace of the work that caused the email, so its sending joins that trace
 * @param lease who holds the delivery now: a value never used before, replaced by every change of
 *     hands (claim, sent, retry, failed), so a conditional update on {@code _id} and this value
 *     succeeds only for the holder, and a delivery seen earlier cannot be claimed after it changed
 *     (no ABA). Set when queued; null only in records queued before it existed.
 * @param digest what an organisation's daily digest of support still to arrange lists; null for every other
 *     email
 * @param language the BCP 47 tag of the language to write in ({@code en-GB}, {@code cy}, {@code ar}); null
 *     (emails to organisations, records queued before issue 21) means en-GB
 * @param easyRead whether to write in Easy Read; null means no
 * @param checkInCode the person's code to show at the door, drawn as a QR code in their confirmation or
 *     promotion email; dropped once sent, like the private link
 */
@Document("deliveries")
public record Delivery(
        @Id String id,
        String kind,
        @Nullable String recipient,
        @Nullable String recipientName,
        @Nullable String organisationId,
        @Nullable String eventId,
        @Nullable String newsletterId,
        @Nullable Registration registration,
        @Nullable String privateLink,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable Instant leaseUntil,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant sentAt,
        @Nullable String traceparent,
        @Nullable String lease,
        @Nullable Request request,
        @Nullable Digest digest,
        @Nullable String language,
        @Nullable Boolean easyRead,
        @Nullable String checkInCode) {

    /**
     * What the email says about the registration; support needs are category codes, never free text.
     * {@code groupMembers}: the young people a worker booked as a group, by name, for the worker's own
     * email; empty otherwise (null in records written before groups). {@code groupWaiting}: those of the
     * group still waiting for a place after an organiser accepted the others.
     */
    public record Registration(
            String id,
            int seats,
            @Nullable List<String> companions,
            @Nullable Integer waitlistPosition,
            @Nullable List<String> supportRequested,
            List<String> groupMembers,
            List<String> groupWaiting,
            List<Arranged> arranged) {

        public Registration {
            groupMembers = groupMembers == null ? List.of() : List.copyOf(groupMembers);
            groupWaiting = groupWaiting == null ? List.of() : List.copyOf(groupWaiting);
            arranged = arranged == null ? List.of() : List.copyOf(arranged);
        }

        public Registration(
                String id,
                int seats,
                @Nullable List<String> companions,
                @Nullable Integer waitlistPosition,
                @Nullable List<String> supportRequested,
                List<String> groupMembers,
                List<String> groupWaiting) {
            this(id, seats, companions, waitlistPosition, supportRequested, groupMembers, groupWaiting, List.of());
        }

        public Registration(
                String id,
                int seats,
                @Nullable List<String> companions,
                @Nullable Integer waitlistPosition,
                @Nullable List<String> supportRequested,
                List<String> groupMembers) {
            this(id, seats, companions, waitlistPosition, supportRequested, groupMembers, List.of(), List.of());
        }
    }

    /** Support an organiser arranged: the kind of need as a code, and their note for the person. */
    public record Arranged(String need, @Nullable String note) {}

    /**
     * What an email about a booking request says (ADR 14): the request, what was asked for (the kind, and
     * the offering's name for one of the organisation's offerings, else null), by which organisation, and
     * the organiser's reply for a reply email. Null for every other email. The reply's words go when the
     * requester's data is erased.
     */
    public record Request(
            String id,
            @Nullable String kind,
            @Nullable String offeringName,
            @Nullable String requesterOrganisation,
            @Nullable String replyText) {}

    /**
     * The organisation's daily digest of support still to arrange (issue 19): the day, and per event what
     * is outstanding as a kind's code with how many people need it. No names, nobody's own words.
     */
    public record Digest(String date, List<DigestEvent> events) {

        public Digest {
            events = events == null ? List.of() : List.copyOf(events);
        }
    }

    /** One event of a digest: its title, start and zone, by when support should be arranged, and what is not. */
    public record DigestEvent(
            String eventId,
            @Nullable String title,
            Instant startsAt,
            @Nullable String timeZone,
            Instant arrangeBy,
            List<Outstanding> outstanding) {

        public DigestEvent {
            outstanding = outstanding == null ? List.of() : List.copyOf(outstanding);
        }
    }

    /** A kind of support not arranged yet (its code) and how many people need it. */
    public record Outstanding(String need, int people) {}

    /**
     * How logs name this delivery: a digest of its id, which holds the recipient's address. The
     * same delivery always has the same reference, so its lines can be followed.
     */
    public String ref() {
        return ref(id);
    }

    public static String ref(String id) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "d-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same email, to be written in {@code newLanguage} (a BCP 47 tag), in Easy Read or not. */
    public Delivery inReading(@Nullable String newLanguage, boolean newEasyRead) {
        return new Delivery(
                id,
                kind,
                recipient,
                recipientName,
                organisationId,
                eventId,
                newsletterId,
                registration,
                privateLink,
                status,
                attempts,
                nextAttemptAt,
                leaseUntil,
                lastError,
                createdAt,
                sentAt,
                traceparent,
                lease,
                request,
                digest,
                newLanguage,
                newEasyRead,
                checkInCode);
    }

    /** The same email, carrying the person's check-in code (null: none). */
    public Delivery withCheckInCode(@Nullable String code) {
        return new Delivery(
                id,
                kind,
                recipient,
                recipientName,
                organisationId,
                eventId,
                newsletterId,
                registration,
                privateLink,
                status,
                attempts,
                nextAttemptAt,
                leaseUntil,
                lastError,
                createdAt,
                sentAt,
                traceparent,
                lease,
                request,
                digest,
                language,
                easyRead,
                code);
    }

    /** As a sender that just gave it back under {@code nextLease} sees it, due at {@code at}. */
    public Delivery givenBack(String nextLease, int attemptsSoFar, Instant at, @Nullable String error) {
        return new Delivery(
                id,
                kind,
                recipient,
                recipientName,
                organisationId,
                eventId,
                newsletterId,
                registration,
                privateLink,
                status,
                attemptsSoFar,
                at,
                null,
                error,
                createdAt,
                sentAt,
                traceparent,
                nextLease,
                request,
                digest,
                language,
                easyRead,
                checkInCode);
    }

    /**
     * A new email of any kind, every field given, nulls for what its kind lacks; everything else uses the
     * named factories below, which say what each kind carries.
     */
    static Delivery pending(
            String id,
            String kind,
            @Nullable String recipient,
            @Nullable String recipientName,
            @Nullable String organisationId,
            @Nullable String eventId,
            @Nullable String newsletterId,
            @Nullable Registration registration,
            @Nullable String privateLink,
            Instant now,
            @Nullable String traceparent) {
        return new Delivery(
                id,
                kind,
                recipient,
                recipientName,
                organisationId,
                eventId,
                newsletterId,
                registration,
                privateLink,
                DeliveryStatus.PENDING,
                0,
                now,
                null,
                null,
                now,
                null,
                traceparent,
                Deliveries.newLease(),
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * A new email to a person about their registration at an event, with the link to the page where they
     * manage it (null when the message gave none).
     */
    public static Delivery toRegistrant(
            String id,
            String kind,
            @Nullable String recipient,
            @Nullable String recipientName,
            @Nullable String eventId,
            @Nullable Registration registration,
            @Nullable String manageLink,
            Instant now,
            @Nullable String traceparent) {
        return pending(
                id, kind, recipient, recipientName, null, eventId, null, registration, manageLink, now, traceparent);
    }

    /**
     * News about an event to a person registered for it (a reminder, a new time), without a private link:
     * the email they had when they registered holds it.
     */
    static Delivery aboutEvent(
            String id,
            String kind,
            @Nullable String recipient,
            @Nullable String recipientName,
            @Nullable String eventId,
            Instant now,
            @Nullable String traceparent) {
        return pending(id, kind, recipient, recipientName, null, eventId, null, null, null, now, traceparent);
    }

    /** A test copy of the organisation's newsletter, to the organiser who asked for it. */
    static Delivery newsletterTest(
            String id,
            @Nullable String recipient,
            @Nullable String organisationId,
            @Nullable String newsletterId,
            Instant now) {
        return pending(
                id, "newsletter-test", recipient, null, organisationId, null, newsletterId, null, null, now, null);
    }

    /** The request to confirm a subscription to the organisation's newsletter, with the link that does. */
    static Delivery subscriptionConfirmation(
            String id,
            @Nullable String recipient,
            @Nullable String recipientName,
            @Nullable String organisationId,
            @Nullable String confirmLink,
            Instant now) {
        return pending(
                id,
                "subscription-confirmation",
                recipient,
                recipientName,
                organisationId,
                null,
                null,
                null,
                confirmLink,
                now,
                null);
    }

    /**
     * The same news to one young person of a worker's group, about their own seat: without the private
     * link, because the worker manages the booking.
     */
    public static Delivery toGroupMember(
            String id,
            String kind,
            @Nullable String recipient,
            @Nullable String recipientName,
            @Nullable String eventId,
            @Nullable Registration registration,
            Instant now,
            @Nullable String traceparent) {
        return pending(id, kind, recipient, recipientName, null, eventId, null, registration, null, now, traceparent);
    }

    /**
     * The organisation's alert that someone registered for its event asked for support: categories and
     * counts, to its contact address (looked up when sent).
     */
    public static Delivery supportAlert(
            String id,
            @Nullable String eventId,
            @Nullable Registration registration,
            Instant now,
            @Nullable String traceparent) {
        return pending(id, "support-alert", null, null, null, eventId, null, registration, null, now, traceparent);
    }

    /** A new email about a booking request, to {@code recipient} (null: the organisation's contact address). */
    public static Delivery aboutRequest(
            String id,
            String kind,
            @Nullable String recipient,
            @Nullable String recipientName,
            @Nullable String organisationId,
            @Nullable Request request,
            Instant now,
            @Nullable String traceparent) {
        return new Delivery(
                id,
                kind,
                recipient,
                recipientName,
                organisationId,
                null,
                null,
                null,
                null,
                DeliveryStatus.PENDING,
                0,
                now,
                null,
                null,
                now,
                null,
                traceparent,
                Deliveries.newLease(),
                request,
                null,
                null,
                null,
                null);
    }

    /** The organisation's daily digest of support still to arrange, to its contact address (looked up when sent). */
    public static Delivery supportDigest(
            String id,
            @Nullable String organisationId,
            @Nullable Digest digest,
            Instant now,
            @Nullable String traceparent) {
        return new Delivery(
                id,
                "support-digest",
                null,
                null,
                organisationId,
                null,
                null,
                null,
                null,
                DeliveryStatus.PENDING,
                0,
                now,
                null,
                null,
                now,
                null,
                traceparent,
                Deliveries.newLease(),
                null,
                digest,
                null,
                null,
                null);
    }
}
