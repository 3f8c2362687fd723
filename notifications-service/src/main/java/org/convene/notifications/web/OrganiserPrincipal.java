package org.convene.notifications.web;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

/**
 * The acting organiser from a validated token: organisation from {@code org_id}, roles from
 * {@code roles}, address for test copies from {@code email}. Anyone else gets 403. Each feature's
 * controller turns it into what its own domain calls the organiser, so this shared part knows no feature.
 */
public record OrganiserPrincipal(
        String subject, String organisationId, @Nullable String email, boolean admin) {

    public static OrganiserPrincipal require(Jwt jwt) {
        var organisation = jwt == null ? null : jwt.getClaimAsString("org_id");
        var roles = jwt != null && jwt.getClaim("roles") instanceof Collection<?> values ? values : List.of();
        var admin = roles.contains("admin");
        if (organisation == null || organisation.isBlank() || !(roles.contains("organiser") || admin)) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN, "Only an organiser of an organisation can do this.");
        }
        return new OrganiserPrincipal(jwt.getSubject(), organisation, jwt.getClaimAsString("email"), admin);
    }
}
