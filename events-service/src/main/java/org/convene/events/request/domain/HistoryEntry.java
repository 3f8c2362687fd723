package org.convene.events.request.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of a request's history, seen only by the organisation: a note (kept within it), a reply
 * (also emailed to the requester) or a change of status. {@code by} is the organiser's subject; null
 * for what the requester or the system did.
 */
public record HistoryEntry(
        Instant at,
        Type type,
        @Nullable String by,
        @Nullable String text,
        RequestStatus status) {

    public enum Type {
        RECEIVED,
        NOTE,
        REPLY,
        STATUS_CHANGED,
        ERASED
    }
}
