package org.convene.events.request.domain;

import org.convene.events.event.domain.EventFormat;

/**
 * What a booking request asks for. Organisations have no list of their own offerings yet (ADR 14), so
 * these three are the choice; the event format each becomes when accepted.
 */
public enum RequestKind {
    TRAINING("Training", EventFormat.TRAINING),
    KEYNOTE("Keynote", EventFormat.KEYNOTE),
    CONSULTANCY("Consultancy", EventFormat.MEETING);

    private final String label;
    private final EventFormat format;

    RequestKind(String label, EventFormat format) {
        this.label = label;
        this.format = format;
    }

    public String label() {
        return label;
    }

    public EventFormat format() {
        return format;
    }
}
