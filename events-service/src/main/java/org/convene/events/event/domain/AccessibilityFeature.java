package org.convene.events.event.domain;

public enum AccessibilityFeature {
    STEP_FREE_ACCESS,
    ACCESSIBLE_TOILET,
    HEARING_LOOP,
    QUIET_ROOM,
    PARKING
}
