package org.convene.registrations.registration.domain;

public enum AccessNeed {
    WHEELCHAIR_USER,
    STEP_FREE_ACCESS,
    HEARING_LOOP,
    LARGE_PRINT,
    EASY_READ,
    QUIET_SPACE,
    OTHER
}
