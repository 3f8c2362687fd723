package org.convene.events.event.domain;

import java.util.Map;

/** The request contradicts the event's rules (end before start, window after the event): a 400 naming the fields. */
public class EventRuleViolation extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public EventRuleViolation(Map<String, String> fieldErrors) {
        super("Event rules violated: " + fieldErrors.keySet());
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
