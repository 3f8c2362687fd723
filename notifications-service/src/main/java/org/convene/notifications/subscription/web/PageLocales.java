package org.convene.notifications.subscription.web;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The language of the newsletter's pages (issue 21): the subscriber's own, once the page knows whose
 * link it is; else the {@code convene-lang} cookie the web pages set; else the first of the browser's
 * languages we write in; else English. Only en-GB, cy and ar ever come out.
 */
public class PageLocales implements LocaleContextResolver {

    /** Where a page puts the subscriber's language for the view to render in. */
    static final String CHOSEN = PageLocales.class.getName() + ".chosen";

    static final String COOKIE = "convene-lang";

    static final List<String> LANGUAGES = List.of("en-GB", "cy", "ar");

    private static final List<Locale> SUPPORTED =
            LANGUAGES.stream().map(Locale::forLanguageTag).toList();

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        return new SimpleLocaleContext(resolve(exchange));
    }

    private static Locale resolve(ServerWebExchange exchange) {
        if (exchange.getAttribute(CHOSEN) instanceof Locale chosen) {
            return chosen;
        }
        var cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie != null && LANGUAGES.contains(cookie.getValue())) {
            return Locale.forLanguageTag(cookie.getValue());
        }
        try {
            for (var range : exchange.getRequest().getHeaders().getAcceptLanguage()) {
                var wanted = Locale.forLanguageTag(range.getRange());
                for (var supported : SUPPORTED) {
                    if (supported.getLanguage().equals(wanted.getLanguage())) {
                        return supported;
                    }
                }
            }
        } catch (IllegalArgumentException malformed) {
            // A header we cannot read is no choice at all.
        }
        return SUPPORTED.getFirst();
    }

    /** For the subscriber's own page: their stored language. */
    static void choose(ServerWebExchange exchange, String language) {
        if (language != null && LANGUAGES.contains(language)) {
            exchange.getAttributes().put(CHOSEN, Locale.forLanguageTag(language));
        }
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, @Nullable LocaleContext localeContext) {
        throw new UnsupportedOperationException(
                "The language is the subscriber's choice, saved with their preferences");
    }
}
