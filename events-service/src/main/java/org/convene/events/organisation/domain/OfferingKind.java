package org.convene.events.organisation.domain;

/** What an offering is: training, a keynote or consultancy, as the kinds of booking request. */
public enum OfferingKind {
    TRAINING,
    KEYNOTE,
    CONSULTANCY
}
