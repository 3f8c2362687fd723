package org.convene.events.request.domain;

import org.convene.events.event.domain.EventFormat;
import org.jspecify.annotations.Nullable;

/**
 * What a booking request asks for: training, a keynote, consultancy, or one of the organisation's
 * listed offerings (ADR 14), and the event format each becomes when accepted. An offering's format is
 * that of its own kind (see {@link RequestedOffering}).
 */
public enum RequestKind {
    TRAINING("Training", EventFormat.TRAINING),
    KEYNOTE("Keynote", EventFormat.KEYNOTE),
    CONSULTANCY("Consultancy", EventFormat.MEETING),
    OFFERING("Offering", null);

    private final String label;
    private final @Nullable EventFormat format;

    RequestKind(String label, @Nullable EventFormat format) {
        this.label = label;
        this.format = format;
    }

    public String label() {
        return label;
    }

    public @Nullable EventFormat format() {
        return format;
    }
}
