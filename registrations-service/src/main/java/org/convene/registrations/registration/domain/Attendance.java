package org.convene.registrations.registration.domain;

/** What the organiser marked at the door. */
public enum Attendance {
    ATTENDED,
    NO_SHOW
}
