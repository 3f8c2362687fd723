package org.convene.events.event.domain;

/**
 * Who finds an event: everyone ({@code PUBLIC}: listed, and announced to the organisation's
 * subscribers), or only the people the organiser gives its link to ({@code UNLISTED}: never listed or
 * announced, open to anyone with the link).
 */
public enum Visibility {
    PUBLIC,
    UNLISTED
}
