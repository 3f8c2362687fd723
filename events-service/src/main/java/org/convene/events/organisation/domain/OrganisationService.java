package org.convene.events.organisation.domain;

import org.convene.events.event.domain.OrganisationAccessDenied;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Organiser;
import org.convene.events.event.domain.VersionConflict;
import reactor.core.publisher.Mono;

/** Admins add organisations; an organisation's own organisers can read it and keep its details current. */
public class OrganisationService {

    private final Organisations organisations;

    public OrganisationService(Organisations organisations) {
        this.organisations = organisations;
    }

    public Mono<Organisation> register(Organiser admin, OrganisationId id, OrganisationDetails details) {
        if (!admin.admin()) {
            return Mono.error(new OrganisationAccessDenied());
        }
        return organisations.insert(new Organisation(id, details, 1));
    }

    public Mono<Organisation> find(Organiser organiser, OrganisationId id) {
        if (!organiser.actsFor(id) && !organiser.admin()) {
            return Mono.error(new OrganisationAccessDenied());
        }
        return organisations.findById(id).switchIfEmpty(Mono.error(() -> new OrganisationNotFound(id)));
    }

    public Mono<Organisation> update(
            Organiser organiser, OrganisationId id, Long expectedVersion, OrganisationDetails details) {
        return find(organiser, id).flatMap(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                return Mono.error(new VersionConflict(id, expectedVersion));
            }
            return organisations.update(new Organisation(id, details, current.version() + 1), current.version());
        });
    }
}
