package org.convene.events.event.web;

import java.util.Collection;
import java.util.Optional;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Organiser;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Builds the acting organiser from a validated token: the organisation from the {@code org_id}
 * claim, the roles from {@code roles}. A token without both is not an organiser's.
 */
public final class OrganiserPrincipal {

    static final String ORGANISATION_CLAIM = "org_id";
    static final String ROLES_CLAIM = "roles";

    private OrganiserPrincipal() {}

    /** The acting organiser, or 403 when the token is not an organiser's. */
    public static Organiser require(Jwt jwt) {
        return from(jwt)
                .orElseThrow(() -> new org.springframework.web.server.ResponseStatusException(
                        org.springframework.http.HttpStatus.FORBIDDEN,
                        "Only an organiser of an organisation can do this."));
    }

    public static Optional<Organiser> from(Jwt jwt) {
        if (jwt == null) {
            return Optional.empty();
        }
        var organisation = jwt.getClaimAsString(ORGANISATION_CLAIM);
        var roles = jwt.getClaim(ROLES_CLAIM) instanceof Collection<?> values ? values : java.util.List.of();
        var organiser = roles.contains("organiser");
        var admin = roles.contains("admin");
        if (organisation == null || organisation.isBlank() || !(organiser || admin)) {
            return Optional.empty();
        }
        return Optional.of(new Organiser(jwt.getSubject(), new OrganisationId(organisation), admin));
    }
}
