package org.convene.gateway.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * What a page needs to know about the browser's session, from the gateway itself: who is signed in
 * (never the tokens, which stay on the server), and a minimal home page to sign in and out until
 * Convene's organiser pages exist.
 */
@RestController
class SessionController {

    record SessionView(boolean signedIn, String name, String email, String organisationId, List<String> roles) {}

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

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> home(@AuthenticationPrincipal OidcUser user, ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return (token == null ? Mono.<CsrfToken>empty() : token)
                .map(csrf -> Map.of(csrf.getParameterName(), csrf.getToken()))
                .defaultIfEmpty(Map.of())
                .map(csrf -> ResponseEntity.status(HttpStatus.OK)
                        .cacheControl(CacheControl.noStore())
                        .contentType(MediaType.TEXT_HTML)
                        .body(page(user, csrf)));
    }

    private static String page(OidcUser user, Map<String, String> csrf) {
        var body = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Convene</title></head><body><main><h1>Convene</h1>");
        if (user == null) {
            body.append("<p><a href=\"/oauth2/authorization/convene\">Sign in as an organiser</a></p>");
        } else {
            body.append("<p>Signed in as ")
                    .append(HtmlUtils.htmlEscape(String.valueOf(user.getFullName())))
                    .append(" (")
                    .append(HtmlUtils.htmlEscape(String.valueOf(user.getClaimAsString("org_id"))))
                    .append(").</p><form method=\"post\" action=\"/logout\">");
            csrf.forEach((name, value) -> body.append("<input type=\"hidden\" name=\"")
                    .append(HtmlUtils.htmlEscape(name))
                    .append("\" value=\"")
                    .append(HtmlUtils.htmlEscape(value))
                    .append("\">"));
            body.append("<button type=\"submit\">Sign out</button></form>");
        }
        return body.append("<p><a href=\"/api/events\">Upcoming events</a></p></main></body></html>")
                .toString();
    }
}
