package org.convene.notifications.event.domain;

/** An event, as events-service names it; stored as the plain string. */
public record EventId(String value) {

    @Override
    public String toString() {
        return value;
    }
}
