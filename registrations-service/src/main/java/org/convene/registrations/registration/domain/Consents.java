package org.convene.registrations.registration.domain;

/** Explicit choices, never pre-ticked: absent means no. */
public record Consents(boolean photos, boolean futureContact) {}
