package org.convene.web.preferences;

import java.net.URI;
import java.time.Duration;
import org.convene.web.config.Languages;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * The language and reading-mode switches on every page: links, so they work without scripts and keep the
 * person's place (the page the link names, else the Referer's page: path and query on this site only). Each remembers the choice in a cookie and sends the person back where they were. A
 * choice that is not offered changes nothing. Only a preference is written, never anything of the person's.
 */
@Controller
class PreferencesController {

    private static final Duration REMEMBERED = Duration.ofDays(365);

    @GetMapping("/preferences/language")
    ResponseEntity<Void> language(
            @RequestParam(required = false) String lang,
            @RequestParam(name = "return", required = false) String back,
            ServerWebExchange exchange) {
        var response = ResponseEntity.status(HttpStatus.SEE_OTHER).location(back(back, exchange));
        Languages.byTag(lang)
                .ifPresent(locale -> exchange.getResponse()
                        .addCookie(cookie(Languages.LANGUAGE_COOKIE, locale.toLanguageTag(), exchange)));
        return response.build();
    }

    @GetMapping("/preferences/reading-mode")
    ResponseEntity<Void> readingMode(
            @RequestParam(required = false) String easyRead,
            @RequestParam(name = "return", required = false) String back,
            ServerWebExchange exchange) {
        if ("1".equals(easyRead)) {
            exchange.getResponse().addCookie(cookie(Languages.EASY_READ_COOKIE, "1", exchange));
        } else if ("0".equals(easyRead)) {
            exchange.getResponse()
                    .addCookie(ResponseCookie.from(Languages.EASY_READ_COOKIE, "")
                            .path("/")
                            .maxAge(Duration.ZERO)
                            .httpOnly(true)
                            .sameSite("Lax")
                            .build());
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(back(back, exchange))
                .build();
    }

    /** The page the person came from: the one the link names, else the Referer's, else home. */
    private static URI back(String named, ServerWebExchange exchange) {
        return URI.create(
                named != null && !named.isBlank()
                        ? ReturnPath.of(named)
                        : ReturnPath.fromReferer(
                                exchange.getRequest().getHeaders().getFirst("Referer")));
    }

    private static ResponseCookie cookie(String name, String value, ServerWebExchange exchange) {
        return ResponseCookie.from(name, value)
                .path("/")
                .maxAge(REMEMBERED)
                // Read only by the pages' server; Lax, so it travels on the links from emails to the pages.
                .httpOnly(true)
                .sameSite("Lax")
                .secure("https".equals(exchange.getRequest().getURI().getScheme()))
                .build();
    }
}
