package org.convene.notifications.event.domain;

/** Where an event is, by the names events-service gives it (stored by name). */
public enum EventStatus {
    PUBLISHED,
    CANCELLED,
    COMPLETED
}
