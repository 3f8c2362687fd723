package org.convene.registrations.registration.domain;

/** PENDING only between taking the decision and recording it; the seat ledger is the truth (ADR 6). */
public enum RegistrationStatus {
    PENDING,
    CONFIRMED,
    WAITLISTED,
    CANCELLED
}
