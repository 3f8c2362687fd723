package org.convene.notifications.organisation.domain;

import reactor.core.publisher.Mono;

/** The organisations this service knows of, for the features that write for them. */
public interface Organisations {

    /** Empty while the organisation is not known yet (its message is still on its way). */
    Mono<Organisation> find(OrganisationId id);

    /** Whether it is known here (an organisation not known yet may be on its way). */
    Mono<Boolean> exists(OrganisationId id);
}
