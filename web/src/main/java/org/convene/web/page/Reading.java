package org.convene.web.page;

import java.util.Map;
import org.convene.web.config.Languages;
import org.springframework.web.server.ServerWebExchange;

/**
 * The language and reading mode a person uses the pages in, sent with what they register or subscribe for
 * ({@code language}, {@code easyRead}: the APIs' optional fields) so that every email to them is in it.
 */
public record Reading(String language, boolean easyRead) {

    public static Reading of(ServerWebExchange exchange) {
        var locale = exchange.getLocaleContext().getLocale();
        return new Reading(
                locale == null ? Languages.ENGLISH.toLanguageTag() : locale.toLanguageTag(),
                Languages.easyRead(exchange.getRequest()));
    }

    public void addTo(Map<String, Object> body) {
        body.put("language", language);
        body.put("easyRead", easyRead);
    }
}
