package org.convene.events.organisation.persistence;

import org.convene.events.organisation.domain.OrganisationAlreadyExists;
import org.convene.events.organisation.domain.Organisations;
import org.convene.events.organisation.domain.SeedOrganisations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Adds the configured seed organisations at start-up, each once; see {@link SeedOrganisations}. */
@Component
class SeededOrganisations {

    private static final Logger log = LoggerFactory.getLogger(SeededOrganisations.class);

    private final Organisations organisations;
    private final String configured;

    SeededOrganisations(
            Organisations organisations, @Value("${convene.events.seed-organisations:}") String configured) {
        this.organisations = organisations;
        this.configured = configured;
        // Read now, so a mistake stops the start with its reason rather than later.
        SeedOrganisations.parse(configured);
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        Flux.fromIterable(SeedOrganisations.parse(configured))
                .concatMap(organisation -> organisations
                        .insert(organisation)
                        .doOnNext(added -> log.info("Organisation {} added from configuration", added.id()))
                        .onErrorResume(OrganisationAlreadyExists.class, exists -> Mono.empty()))
                .subscribe();
    }
}
