package org.convene.events.organisation.domain;

import org.convene.events.event.domain.OrganisationId;

/**
 * A charity, council or consultancy that runs events. Its id is its slug, the same value the
 * identity provider puts in organisers' tokens; its details say how Convene writes on its behalf.
 */
public record Organisation(OrganisationId id, OrganisationDetails details, long version) {}
