package org.convene.notifications.newsletter.domain;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public interface Newsletters {

    /** Inserts it; false when one with this id exists already (an announcement made twice). */
    Mono<Boolean> insert(Newsletter newsletter);

    Mono<Newsletter> find(String organisationId, String id);

    Flux<Newsletter> list(String organisationId);

    /** A draft or scheduled newsletter (re)scheduled; empty when it is past that. */
    Mono<Newsletter> schedule(String organisationId, String id, Instant sendAt);

    /** A scheduled or sending newsletter stopped; what is not sent yet never will be. Empty when it is past that. */
    Mono<Newsletter> cancel(String organisationId, String id, Instant at);

    Mono<Progress> progress(Newsletter newsletter);
}
