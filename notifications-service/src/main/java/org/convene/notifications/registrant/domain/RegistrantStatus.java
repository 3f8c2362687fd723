package org.convene.notifications.registrant.domain;

/** Where a registration is, by the names registrations-service gives it (stored by name). */
public enum RegistrantStatus {
    CONFIRMED,
    WAITLISTED,
    CANCELLED
}
