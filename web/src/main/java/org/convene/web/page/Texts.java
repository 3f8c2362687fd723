package org.convene.web.page;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.convene.web.config.Languages;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.server.ServerWebExchange;

/**
 * The pages' words in one language, for Java code that writes text (form errors, error pages, labels): the
 * i18n/messages bundles of the application's message source, in the request's locale.
 */
public record Texts(MessageSource messages, Locale locale) {

    private static final Texts ENGLISH = new Texts(englishBundle(), Languages.ENGLISH);

    /** The request's words; {@code messages} is the application's message source. */
    public static Texts of(MessageSource messages, ServerWebExchange exchange) {
        return new Texts(
                messages,
                exchange.getLocaleContext().getLocale() == null
                        ? Languages.ENGLISH
                        : exchange.getLocaleContext().getLocale());
    }

    /** British English, for code that has no request's language (pages not yet translated). */
    public static Texts english() {
        return ENGLISH;
    }

    public String get(String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }

    /** The message of that key, or the text itself when it is no key (a label still written in English). */
    public @Nullable String orAsWritten(@Nullable String keyOrText) {
        if (keyOrText == null) {
            return null;
        }
        return messages.getMessage(keyOrText, null, keyOrText, locale);
    }

    private static MessageSource englishBundle() {
        var bundle = new ResourceBundleMessageSource();
        bundle.setBasenames("i18n/messages");
        bundle.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundle.setFallbackToSystemLocale(false);
        return bundle;
    }
}
