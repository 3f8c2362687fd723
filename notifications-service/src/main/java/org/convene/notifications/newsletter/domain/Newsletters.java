package org.convene.notifications.newsletter.domain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where newsletters are kept. {@link Newsletter} decides the organiser's changes; this stores the state it
 * decided only if the stored one is still the one it was decided from. The sender's own steps (claim, start,
 * plan, finish) are conditional updates of their own, on the states {@link NewsletterStatus#from} names.
 */
public interface Newsletters {

    /** Inserts it; false when one with this id exists already (an announcement made twice). */
    Mono<Boolean> insert(Newsletter newsletter);

    Mono<Newsletter> find(String organisationId, String id);

    Flux<Newsletter> list(String organisationId);

    /**
     * Stores {@code changed} if the stored newsletter is still as {@code decidedFrom} was read (its version and
     * its state, which the sender changes too); else {@link NewsletterChanged}.
     */
    Mono<Newsletter> update(Newsletter decidedFrom, Newsletter changed);

    /** The copies of a cancelled newsletter not sent yet, cancelled: they never will be. */
    Mono<Void> cancelPending(String id);

    Mono<Progress> progress(Newsletter newsletter);
}
