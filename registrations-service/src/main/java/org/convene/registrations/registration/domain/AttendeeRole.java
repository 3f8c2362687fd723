package org.convene.registrations.registration.domain;

public enum AttendeeRole {
    YOUNG_PERSON,
    CARER,
    PROFESSIONAL,
    OTHER
}
