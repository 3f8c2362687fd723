package org.convene.events.request.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A change to announce on convene.requests.v1: its type, when, the version it made and a reply's text. */
public record RequestChange(
        RequestChangeType type,
        Instant at,
        long version,
        @Nullable String replyText) {}
