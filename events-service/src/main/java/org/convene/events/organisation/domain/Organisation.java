package org.convene.events.organisation.domain;

import org.convene.events.event.domain.OrganisationId;

/**
 * A charity, council or consultancy that runs events. Its id is its slug, the same value the
 * identity provider puts in organisers' tokens; the contact address receives support-needs alerts.
 */
public record Organisation(OrganisationId id, String name, String contactEmail, long version) {}
