package org.convene.registrations.registration.domain;

public enum AgeBand {
    UNDER_16,
    AGE_16_TO_17,
    AGE_18_TO_25,
    OVER_25;

    public boolean isUnder18() {
        return this == UNDER_16 || this == AGE_16_TO_17;
    }
}
