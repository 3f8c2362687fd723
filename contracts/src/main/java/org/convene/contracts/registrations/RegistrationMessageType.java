package org.convene.contracts.registrations;

/** Past-tense names of what happened to a registration. */
public enum RegistrationMessageType {
    RegistrationConfirmed,
    RegistrationWaitlisted,
    RegistrationPromoted,
    RegistrationCancelled
}
