package org.convene.web.page;

import org.convene.web.config.PageCsrfFilter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/** What every page's layout needs: the form token and who is signed in, if anyone. */
@ControllerAdvice
class PageModel {

    @ModelAttribute("csrf")
    String csrf(ServerWebExchange exchange) {
        var token = exchange.getRequest().getHeaders().getFirst(PageCsrfFilter.HEADER);
        return token == null ? "" : token;
    }

    @ModelAttribute("organiser")
    SignedIn organiser(@AuthenticationPrincipal Jwt jwt) {
        return jwt == null ? null : SignedIn.of(jwt);
    }
}
