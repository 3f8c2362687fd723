package org.convene.events.organisation.domain;

import org.convene.events.event.domain.OrganisationId;
import reactor.core.publisher.Mono;

public interface Organisations {

    /** Adds the organisation; {@link OrganisationAlreadyExists} when its id is taken. */
    Mono<Organisation> insert(Organisation organisation);

    Mono<Organisation> update(Organisation organisation, long expectedVersion);

    Mono<Organisation> findById(OrganisationId id);

    /**
     * Saves the organisation's offerings and version if its stored version is still {@code expectedVersion},
     * else {@code VersionConflict}. Nothing is announced: offerings are not part of the organisation's message.
     */
    Mono<Organisation> updateOfferings(Organisation organisation, long expectedVersion);
}
