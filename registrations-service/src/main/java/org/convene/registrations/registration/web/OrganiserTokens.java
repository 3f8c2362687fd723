package org.convene.registrations.registration.web;

import java.util.Collection;
import java.util.List;
import org.convene.registrations.registration.domain.Organiser;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

/** Who acts, from the validated token: an organiser (or admin) of one organisation, or nobody allowed. */
public final class OrganiserTokens {

    private OrganiserTokens() {}

    public static Organiser organiser(Jwt jwt) {
        var organisation = jwt == null ? null : jwt.getClaimAsString("org_id");
        var roles = jwt != null && jwt.getClaim("roles") instanceof Collection<?> values ? values : List.of();
        if (organisation == null
                || organisation.isBlank()
                || !(roles.contains("organiser") || roles.contains("admin"))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an organiser of the event can do this.");
        }
        return new Organiser(jwt.getSubject(), organisation);
    }
}
