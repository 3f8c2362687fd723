package org.convene.identity.web;

import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

/** Who is calling the identity API, from their validated token: organisation and roles, as every service reads them. */
public record Caller(String subject, String organisationId, List<String> roles) {

    public static Caller of(Jwt jwt) {
        var roles = jwt.getClaim("roles") instanceof Collection<?> values
                ? values.stream().map(String::valueOf).toList()
                : List.<String>of();
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("org_id"), roles);
    }

    public boolean admin() {
        return roles.contains("admin");
    }

    /** An organiser of this organisation, or an admin (who manages every organisation). */
    public boolean manages(String organisation) {
        return admin() || (roles.contains("organiser") && organisation.equals(organisationId));
    }

    public Caller requireAdmin() {
        if (!admin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an admin can do this.");
        }
        return this;
    }

    public Caller requireManages(String organisation) {
        if (!manages(organisation)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only this organisation's organisers can do this.");
        }
        return this;
    }
}
