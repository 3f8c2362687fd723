package org.convene.web.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The languages the pages speak (BCP 47 tags, issue 21) and how a request's language is chosen: the
 * person's own choice in the {@value #LANGUAGE_COOKIE} cookie, else their browser's Accept-Language, else
 * British English. Easy Read is a reading mode, not a language: its own cookie, {@value #EASY_READ_COOKIE}.
 */
public final class Languages {

    public static final String LANGUAGE_COOKIE = "convene-lang";
    public static final String EASY_READ_COOKIE = "convene-easy-read";

    public static final Locale ENGLISH = Locale.forLanguageTag("en-GB");
    public static final Locale WELSH = Locale.forLanguageTag("cy");
    public static final Locale ARABIC = Locale.forLanguageTag("ar");

    /** In the order the language switch offers them. */
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, WELSH, ARABIC);

    private Languages() {}

    /** One of {@link #SUPPORTED} for a tag exactly as the switch and the APIs write it, else empty. */
    public static Optional<Locale> byTag(String tag) {
        return SUPPORTED.stream()
                .filter(locale -> locale.toLanguageTag().equals(tag))
                .findFirst();
    }

    public static Locale of(ServerHttpRequest request) {
        var chosen = request.getCookies().getFirst(LANGUAGE_COOKIE);
        if (chosen != null) {
            var locale = byTag(chosen.getValue());
            if (locale.isPresent()) {
                return locale.get();
            }
        }
        return fromAcceptLanguage(request.getHeaders().getFirst("Accept-Language"));
    }

    /**
     * The first language of the header's ranges, by weight, that the pages speak; any English is British
     * English here. A header that cannot be read counts as none.
     */
    static Locale fromAcceptLanguage(@Nullable String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return ENGLISH;
        }
        try {
            for (var range : Locale.LanguageRange.parse(header)) {
                if (range.getWeight() <= 0) {
                    continue;
                }
                var language = range.getRange().split("-", 2)[0];
                switch (language) {
                    case "en" -> {
                        return ENGLISH;
                    }
                    case "cy" -> {
                        return WELSH;
                    }
                    case "ar" -> {
                        return ARABIC;
                    }
                    default -> {}
                }
            }
        } catch (IllegalArgumentException unreadable) {
            return ENGLISH;
        }
        return ENGLISH;
    }

    public static boolean rightToLeft(Locale locale) {
        return "ar".equals(locale.getLanguage());
    }

    public static boolean easyRead(ServerHttpRequest request) {
        HttpCookie cookie = request.getCookies().getFirst(EASY_READ_COOKIE);
        return cookie != null && "1".equals(cookie.getValue());
    }
}
