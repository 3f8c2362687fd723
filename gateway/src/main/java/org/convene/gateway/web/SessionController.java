package org.convene.gateway.web;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a page needs to know about the browser's session, from the gateway itself: who is signed in
 * (never the tokens, which stay on the server). The pages themselves are the web app's.
 */
@RestController
class SessionController {

    record SessionView(
            boolean signedIn,
            @Nullable String name,
            @Nullable String email,
            @Nullable String organisationId,
            List<String> roles) {}

    @GetMapping("/api/session")
    ResponseEntity<SessionView> session(@AuthenticationPrincipal OidcUser user) {
        var view = user == null
                ? new SessionView(false, null, null, null, List.of())
                : new SessionView(
                        true,
                        user.getFullName(),
                        user.getEmail(),
                        user.getClaimAsString("org_id"),
                        user.getClaim("roles") instanceof Collection<?> roles
                                ? roles.stream().map(String::valueOf).toList()
                                : List.of());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
    }
}
