package org.convene.web.page;

import org.convene.web.config.Languages;
import org.convene.web.config.PageCsrfFilter;
import org.convene.web.preferences.ReturnPath;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * What every page's layout needs: the form token, who is signed in, if anyone, and the person's language
 * and reading mode (issue 21), with the address the switches send them back to.
 */
@ControllerAdvice
class PageModel {

    @ModelAttribute("csrf")
    String csrf(ServerWebExchange exchange) {
        var token = exchange.getRequest().getHeaders().getFirst(PageCsrfFilter.HEADER);
        return token == null ? "" : token;
    }

    @ModelAttribute("organiser")
    @Nullable
    SignedIn organiser(@AuthenticationPrincipal @Nullable Jwt jwt) {
        return jwt == null ? null : SignedIn.of(jwt);
    }

    @ModelAttribute("lang")
    String lang(ServerWebExchange exchange) {
        return exchange.getLocaleContext().getLocale() == null
                ? Languages.ENGLISH.toLanguageTag()
                : exchange.getLocaleContext().getLocale().toLanguageTag();
    }

    @ModelAttribute("dir")
    String dir(ServerWebExchange exchange) {
        var locale = exchange.getLocaleContext().getLocale();
        return locale != null && Languages.rightToLeft(locale) ? "rtl" : "ltr";
    }

    @ModelAttribute("easyRead")
    boolean easyRead(ServerWebExchange exchange) {
        return Languages.easyRead(exchange.getRequest());
    }

    @ModelAttribute("languages")
    java.util.List<String> languages() {
        return Languages.SUPPORTED.stream().map(java.util.Locale::toLanguageTag).toList();
    }

    /**
     * Where the switches send the person back to, when the page cannot say it by itself: empty for a page that
     * was asked for (the switch goes back to the Referer, so an address's private part, such as an invitation
     * code, is never copied into the link); for a page shown in answer to a form (a POST, which a link cannot
     * repeat), the page the form was on, which its same-origin Referer names.
     */
    @ModelAttribute("returnTo")
    String returnTo(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        if (request.getMethod() == HttpMethod.GET) {
            // Empty, not null: a null from one model attribute method leaves out the others' attributes too.
            return "";
        }
        return ReturnPath.fromReferer(request.getHeaders().getFirst("Referer"));
    }
}
