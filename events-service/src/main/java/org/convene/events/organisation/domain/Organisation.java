package org.convene.events.organisation.domain;

import java.util.List;
import org.convene.events.event.domain.OrganisationId;
import org.jspecify.annotations.Nullable;

/**
 * A charity, council or consultancy that runs events. Its id is its slug, the same value the
 * identity provider puts in organisers' tokens; its details say how Convene writes on its behalf;
 * its offerings are what its booking request form lets people ask for (ADR 14).
 */
public record Organisation(OrganisationId id, OrganisationDetails details, long version, List<Offering> offerings) {

    public Organisation {
        offerings = offerings == null ? List.of() : List.copyOf(offerings);
    }

    public Organisation(OrganisationId id, OrganisationDetails details, long version) {
        this(id, details, version, List.of());
    }

    /** The offering with this id, or null. */
    public @Nullable Offering offering(String offeringId) {
        return offerings.stream()
                .filter(offering -> offeringId.equals(offering.id()))
                .findFirst()
                .orElse(null);
    }
}
