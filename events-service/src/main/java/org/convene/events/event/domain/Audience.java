package org.convene.events.event.domain;

public enum Audience {
    YOUNG_PEOPLE,
    CARERS,
    PROFESSIONALS,
    EVERYONE
}
