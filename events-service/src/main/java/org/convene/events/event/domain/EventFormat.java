package org.convene.events.event.domain;

public enum EventFormat {
    WORKSHOP,
    TRAINING,
    KEYNOTE,
    MEETING,
    OTHER
}
