package org.convene.web.page;

import org.springframework.security.oauth2.jwt.Jwt;

/** The signed-in organiser as the pages show them; the services authorise from the token itself. */
public record SignedIn(String name, String email, String organisationId) {

    public static SignedIn of(Jwt jwt) {
        var name = jwt.getClaimAsString("name");
        var email = jwt.getClaimAsString("email");
        return new SignedIn(
                name != null ? name : email != null ? email : jwt.getSubject(), email, jwt.getClaimAsString("org_id"));
    }
}
