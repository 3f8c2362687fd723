package org.convene.events.organisation.domain;

import java.util.List;
import org.convene.events.event.domain.OrganisationAccessDenied;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Organiser;
import org.convene.events.event.domain.VersionConflict;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Admins add organisations; an organisation's own organisers can read it and keep its details and its
 * offerings current. What it offers is public.
 */
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
            Organiser organiser, OrganisationId id, @Nullable Long expectedVersion, OrganisationDetails details) {
        return find(organiser, id).flatMap(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                return Mono.error(new VersionConflict(id, expectedVersion));
            }
            return organisations.update(
                    new Organisation(id, details, current.version() + 1, current.offerings()), current.version());
        });
    }

    /** What anyone may know of an organisation (its name, for its calendar feed); an unknown one is not found. */
    public Mono<Organisation> findPublic(OrganisationId id) {
        return organisations.findById(id).switchIfEmpty(Mono.error(() -> new OrganisationNotFound(id)));
    }

    /** Anyone may read what an organisation offers, to ask for it; an unknown organisation is not found. */
    public Mono<Organisation> offerings(OrganisationId id) {
        return organisations.findById(id).switchIfEmpty(Mono.error(() -> new OrganisationNotFound(id)));
    }

    /** Replaces the organisation's offerings (see {@link Offerings}); a new version, announced to no one. */
    public Mono<Organisation> replaceOfferings(
            Organiser organiser, OrganisationId id, @Nullable Long expectedVersion, List<Offering> wanted) {
        return find(organiser, id).flatMap(current -> {
            if (expectedVersion != null && expectedVersion != current.version()) {
                return Mono.error(new VersionConflict(id, expectedVersion));
            }
            var settled = Offerings.replace(current.offerings(), wanted);
            return organisations.updateOfferings(
                    new Organisation(id, current.details(), current.version() + 1, settled), current.version());
        });
    }
}
