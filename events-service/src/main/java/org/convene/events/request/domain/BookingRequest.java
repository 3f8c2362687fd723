package org.convene.events.request.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.EventRuleViolation;
import org.convene.events.event.domain.OrganisationId;
import org.convene.support.text.TextPolicy;
import org.jspecify.annotations.Nullable;

/**
 * A request to an organisation for training, a keynote, consultancy or one of its offerings, and the rules of its life (ADR
 * 14): new → in discussion → accepted → scheduled (with the draft event made from it), or declined.
 * Notes and replies are kept in its history whatever its status, until its personal data is erased.
 * Every change bumps the version; what others must hear of is recorded as a {@link RequestChange}.
 */
public final class BookingRequest {

    public static final int MAX_PREFERRED_DATES = 3;
    public static final int MIN_AUDIENCE = 1;
    public static final int MAX_AUDIENCE = 10_000;
    public static final int MAX_TEXT = 2_000;
    /** History entries one request may gather; enough for a long conversation, bounded so a document stays small. */
    public static final int MAX_HISTORY = 200;

    private final BookingRequestId id;
    private final OrganisationId organisationId;
    private final Instant receivedAt;
    private RequestDetails details;
    private RequestStatus status;
    private @Nullable EventId eventId;
    private @Nullable Instant closedAt;
    private @Nullable Instant erasedAt;
    private long version;
    private final List<HistoryEntry> history = new ArrayList<>();
    private final List<RequestChange> changes = new ArrayList<>();
    private int changesCount;

    private BookingRequest(
            BookingRequestId id,
            OrganisationId organisationId,
            Instant receivedAt,
            RequestDetails details,
            RequestStatus status,
            @Nullable EventId eventId,
            @Nullable Instant closedAt,
            @Nullable Instant erasedAt,
            long version,
            List<HistoryEntry> history) {
        this.id = id;
        this.organisationId = organisationId;
        this.receivedAt = receivedAt;
        this.details = details;
        this.status = status;
        this.eventId = eventId;
        this.closedAt = closedAt;
        this.erasedAt = erasedAt;
        this.version = version;
        if (history != null) {
            this.history.addAll(history);
        }
    }

    /** A request as the form sent it, checked against the rules no single field can check alone. */
    public static BookingRequest receive(
            BookingRequestId id, OrganisationId organisationId, RequestDetails details, Instant now) {
        check(details, now);
        if ((details.kind() == RequestKind.OFFERING) != (details.offering() != null)) {
            throw new EventRuleViolation(Map.of(
                    "offeringId", "choose one of the organisation's offerings with kind OFFERING, and only then"));
        }
        var request =
                new BookingRequest(id, organisationId, now, details, RequestStatus.NEW, null, null, null, 0, List.of());
        request.history.add(new HistoryEntry(now, HistoryEntry.Type.RECEIVED, null, null, RequestStatus.NEW));
        request.touch(now, RequestChangeType.RECEIVED, null);
        return request;
    }

    /** Rebuilds a request from storage, with no pending changes. */
    public static BookingRequest restore(
            BookingRequestId id,
            OrganisationId organisationId,
            Instant receivedAt,
            RequestDetails details,
            RequestStatus status,
            @Nullable EventId eventId,
            @Nullable Instant closedAt,
            @Nullable Instant erasedAt,
            long version,
            List<HistoryEntry> history) {
        return new BookingRequest(
                id, organisationId, receivedAt, details, status, eventId, closedAt, erasedAt, version, history);
    }

    static void check(RequestDetails details, Instant now) {
        check(details, now, new LinkedHashMap<>());
    }

    /** As {@link #check(RequestDetails, Instant)}, refusing also the {@code errors} already found, all together. */
    static void check(RequestDetails details, Instant now, Map<String, String> errors) {
        var today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var dates = details.preferredDates();
        if (dates.size() > MAX_PREFERRED_DATES) {
            errors.put("preferredDates", "give at most " + MAX_PREFERRED_DATES + " dates");
        } else if (dates.isEmpty() && !details.flexible()) {
            errors.put("preferredDates", "give up to " + MAX_PREFERRED_DATES + " dates, or say you are flexible");
        } else if (dates.stream().anyMatch(date -> date.isBefore(today))) {
            errors.put("preferredDates", "must be today or later");
        } else if (new HashSet<>(dates).size() != dates.size()) {
            errors.put("preferredDates", "must be different dates");
        }
        var town = details.town() == null ? "" : details.town().strip();
        if (details.online() && !town.isEmpty()) {
            errors.put("town", "leave empty for an online session");
        } else if (!details.online() && town.isEmpty()) {
            errors.put("town", "say which town, or ask for an online session");
        }
        if (details.audienceSize() < MIN_AUDIENCE || details.audienceSize() > MAX_AUDIENCE) {
            errors.put("audienceSize", "must be between " + MIN_AUDIENCE + " and " + MAX_AUDIENCE);
        }
        if (details.message() != null) {
            text("message", details.message(), errors);
        }
        if (!errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
    }

    private static void text(String field, String text, Map<String, String> errors) {
        if (text.length() > MAX_TEXT) {
            errors.put(field, "must be at most " + MAX_TEXT + " characters");
        } else {
            TextPolicy.multiLine(text).ifPresent(problem -> errors.put(field, problem));
        }
    }

    private static String requiredText(String field, String text) {
        var errors = new LinkedHashMap<String, String>();
        if (text == null || text.isBlank()) {
            errors.put(field, "must not be empty");
        } else {
            text(field, text, errors);
        }
        if (!errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
        return text.strip();
    }

    /** The organisation is talking it over (replying does this too). */
    public void discuss(String by, Instant now) {
        requireNotErased();
        if (status == RequestStatus.IN_DISCUSSION) {
            return;
        }
        if (status != RequestStatus.NEW) {
            throw conflict("put in discussion");
        }
        moveTo(RequestStatus.IN_DISCUSSION, by, now);
    }

    /** Declined, for good; a reply can still explain why. */
    public void decline(String by, Instant now) {
        requireNotErased();
        if (status == RequestStatus.DECLINED) {
            return;
        }
        if (status != RequestStatus.NEW && status != RequestStatus.IN_DISCUSSION) {
            throw conflict("declined");
        }
        moveTo(RequestStatus.DECLINED, by, now);
    }

    /**
     * Accepted, and the id its draft event will have: recorded before the event is made, so accepting
     * again after a failure makes the same event, once. Accepting an accepted request changes nothing.
     */
    public void accept(EventId plannedEvent, String by, Instant now) {
        requireNotErased();
        if (status == RequestStatus.ACCEPTED) {
            return;
        }
        if (status != RequestStatus.NEW && status != RequestStatus.IN_DISCUSSION) {
            throw conflict("accepted");
        }
        eventId = plannedEvent;
        moveTo(RequestStatus.ACCEPTED, by, now);
    }

    /** Its draft event exists: scheduled, and closed. */
    public void scheduled(String by, Instant now) {
        requireNotErased();
        if (status != RequestStatus.ACCEPTED) {
            throw conflict("scheduled");
        }
        moveTo(RequestStatus.SCHEDULED, by, now);
    }

    /** A note for the organisation only; never sent to the requester. */
    public void note(String text, String by, Instant now) {
        requireNotErased();
        var note = requiredText("text", text);
        addHistory(new HistoryEntry(now, HistoryEntry.Type.NOTE, by, note, status));
        touch(now, null, null);
    }

    /** A reply to the requester, kept here and emailed to them; a new request is then in discussion. */
    public void reply(String text, String by, Instant now) {
        requireNotErased();
        var reply = requiredText("text", text);
        if (status == RequestStatus.NEW) {
            moveTo(RequestStatus.IN_DISCUSSION, by, now);
        }
        addHistory(new HistoryEntry(now, HistoryEntry.Type.REPLY, by, reply, status));
        touch(now, RequestChangeType.REPLIED, reply);
    }

    /**
     * The requester's personal data goes, for good: who they are, how to reach them, their message and
     * access notes, and the words of every note and reply. What was asked for (kind, size, audience,
     * dates), the history's shape and the event it became stay. Erasing again changes nothing.
     */
    public void erase(@Nullable String by, Instant now) {
        if (erasedAt != null) {
            return;
        }
        details = new RequestDetails(
                details.kind(),
                new Requester(details.requester().organisation(), null, null, null),
                details.preferredDates(),
                details.flexible(),
                details.town(),
                details.online(),
                details.audienceSize(),
                details.audience(),
                details.accessibility(),
                null,
                details.interpreterLanguages(),
                null,
                details.offering());
        var kept = history.stream()
                .map(entry -> new HistoryEntry(entry.at(), entry.type(), entry.by(), null, entry.status()))
                .toList();
        history.clear();
        history.addAll(kept);
        history.add(new HistoryEntry(now, HistoryEntry.Type.ERASED, by, null, status));
        erasedAt = now;
        touch(now, RequestChangeType.ERASED, null);
    }

    private void moveTo(RequestStatus next, String by, Instant now) {
        status = next;
        if (next.closed()) {
            closedAt = now;
        }
        addHistory(new HistoryEntry(now, HistoryEntry.Type.STATUS_CHANGED, by, null, next));
        touch(now, RequestChangeType.STATUS_CHANGED, null);
    }

    private void addHistory(HistoryEntry entry) {
        if (history.size() >= MAX_HISTORY) {
            throw new RequestStateConflict(
                    "This request's history is full (" + MAX_HISTORY + " entries); start a new one to go on.");
        }
        history.add(entry);
    }

    private void requireNotErased() {
        if (erasedAt != null) {
            throw new RequestStateConflict("This request's personal data was erased; it can no longer change.");
        }
    }

    private RequestStateConflict conflict(String action) {
        return new RequestStateConflict("A request that is " + describe(status) + " cannot be " + action + ".");
    }

    private static String describe(RequestStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }

    private void touch(Instant now, @Nullable RequestChangeType announcement, @Nullable String replyText) {
        version++;
        changesCount++;
        if (announcement != null) {
            changes.add(new RequestChange(announcement, now, version, replyText));
        }
    }

    /** The changes since this object was made or restored, oldest first. */
    public List<RequestChange> changes() {
        return List.copyOf(changes);
    }

    /** The version it had when loaded, before {@link #changes()}; 0 for a request not stored yet. */
    public long loadedVersion() {
        return version - changesCount;
    }

    public BookingRequestId id() {
        return id;
    }

    public OrganisationId organisationId() {
        return organisationId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public RequestDetails details() {
        return details;
    }

    public RequestStatus status() {
        return status;
    }

    /** The draft event it became (planned from acceptance, made once scheduled); null before. */
    public @Nullable EventId eventId() {
        return eventId;
    }

    public @Nullable Instant closedAt() {
        return closedAt;
    }

    public @Nullable Instant erasedAt() {
        return erasedAt;
    }

    public long version() {
        return version;
    }

    /** Oldest first. */
    public List<HistoryEntry> history() {
        return List.copyOf(history);
    }
}
