package org.convene.contracts.organisations;

/** Past-tense names of what happened to an organisation. */
public enum OrganisationMessageType {
    OrganisationRegistered,
    OrganisationUpdated
}
