package org.convene.contracts.events;

/** Past-tense names of what happened to an event. */
public enum EventMessageType {
    EventPublished,
    EventUpdated,
    EventRescheduled,
    EventCapacityChanged,
    EventCancelled,
    EventCompleted
}
