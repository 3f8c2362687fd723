package org.convene.registrations.registration.domain;

/** A registration as organisers see it on their list: with what was marked at the door. */
public record RegistrationEntry(Registration registration, Attendance attendance) {}
