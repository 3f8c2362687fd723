package org.convene.notifications.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders each kind of email as plain text and HTML from {@code templates/email/<kind>.txt|.html}, every
 * word from the message bundle {@code i18n/emails} in the reader's language (issue 21). For a person who
 * reads Easy Read, the emails about their registration come from {@code templates/email/easy-read.*}
 * instead: short lines, larger text, a pictogram beside each key fact, embedded in the email.
 */
@Component
public class EmailTemplates {

    /** The languages emails are written in: BCP 47 tags, the first the default. */
    public static final List<String> LANGUAGES = List.of("en-GB", "cy", "ar");

    /** The emails a person gets about their registration, which have an Easy Read version. */
    public static final Set<String> EASY_READ_KINDS = Set.of(
            "confirmation", "waitlisted", "promoted", "cancelled", "rescheduled", "reminder", "support-arranged");

    /** The pictograms of Easy Read emails, by the Content-ID their HTML names them with. */
    public static final List<String> PICTOGRAMS =
            List.of("clock", "map-pin", "message-circle", "backpack", "hand-helping");

    /** How to write to someone: their language and whether in Easy Read. */
    public record Reading(Locale locale, boolean easyRead) {

        public static final Reading ENGLISH = new Reading(Locale.UK, false);

        /** A stored tag ({@code en-GB}, {@code cy}, {@code ar}); anything else or null is English. */
        public static Reading of(@Nullable String language, @Nullable Boolean easyRead) {
            var tag = language != null && LANGUAGES.contains(language) ? language : LANGUAGES.getFirst();
            return new Reading(Locale.forLanguageTag(tag), Boolean.TRUE.equals(easyRead));
        }

        public boolean rightToLeft() {
            return locale.getLanguage().equals("ar");
        }
    }

    /** An image the HTML shows by {@code cid:<contentId>}, carried in the email itself. */
    public record Inline(String contentId, byte[] content, String contentType) {}

    public record Rendered(String subject, String text, String html, List<Inline> inline) {

        public Rendered(String subject, String text, String html) {
            this(subject, text, html, List.of());
        }
    }

    /** The bundle's words, shared with {@link EventDates}. */
    static final ResourceBundleMessageSource MESSAGES = messageSource();

    private final ResourceBundleMessageSource messages = MESSAGES;
    private final TemplateEngine html = engine(TemplateMode.HTML, ".html", messages);
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt", messages);
    private final List<Inline> pictograms = pictograms();

    /** In English, standard: what every email was before issue 21. */
    public Rendered render(String kind, String subject, Map<String, Object> model) {
        return render(kind, subject, model, Reading.ENGLISH);
    }

    public Rendered render(String kind, String subject, Map<String, Object> model, Reading reading) {
        var easyRead = reading.easyRead() && EASY_READ_KINDS.contains(kind);
        var values = new HashMap<>(model);
        values.put("kind", kind);
        values.put("lang", reading.locale().toLanguageTag());
        values.put("dir", reading.rightToLeft() ? "rtl" : "ltr");
        values.putIfAbsent("arranged", List.of());
        values.putIfAbsent("support", List.of());
        values.putIfAbsent("bring", false);
        if (values.get("support") instanceof List<?> support) {
            values.put(
                    "supportLine",
                    String.join(
                            message("email.list.separator", reading.locale()),
                            support.stream().map(String::valueOf).toList()));
        }
        if (easyRead) {
            values.put("easyLines", easyLines(kind, model, reading.locale()));
        }
        var template = easyRead ? "easy-read" : kind;
        var context = new Context(reading.locale(), values);
        return new Rendered(
                subject,
                text.process(template, context),
                html.process(template, context),
                easyRead ? pictograms : List.of());
    }

    /** One message of the bundle in {@code locale}. */
    public String message(String code, Locale locale, @Nullable Object... args) {
        return messages.getMessage(code, given(args), locale);
    }

    /** One message, or {@code fallback} when the bundle has none by that code. */
    public String messageOr(String code, String fallback, Locale locale, @Nullable Object... args) {
        // Never null with a fallback given, though the interface allows it.
        return java.util.Objects.requireNonNullElse(messages.getMessage(code, given(args), fallback, locale), fallback);
    }

    /**
     * A value not known (an event's title when the event is gone) is written as MessageFormat writes null;
     * the bundle's interface takes no null values.
     */
    private static Object[] given(@Nullable Object[] args) {
        var values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            values[i] = arg == null ? "null" : arg;
        }
        return values;
    }

    /**
     * What an Easy Read email says first, one idea a line: {@code easy.<kind>.1}, {@code .2}, ... as far as
     * the bundle goes; {0} the event's title, {1} the place in the queue.
     */
    private List<String> easyLines(String kind, Map<String, Object> model, Locale locale) {
        var lines = new ArrayList<String>();
        var variant = "cancelled".equals(kind) && Boolean.TRUE.equals(model.get("eventCancelled")) ? ".event" : "";
        for (int i = 1; ; i++) {
            var line = messages.getMessage(
                    "easy." + kind + variant + "." + i,
                    new Object[] {model.get("title"), model.get("position") == null ? "" : model.get("position")},
                    null,
                    locale);
            if (line == null) {
                return lines;
            }
            lines.add(line);
        }
    }

    private static ResourceBundleMessageSource messageSource() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/emails");
        source.setDefaultEncoding("UTF-8");
        // A language without the bundle falls back to English, never to the server's own language.
        source.setFallbackToSystemLocale(false);
        // Every message goes through MessageFormat, so quotes are written the same way ('') in all of them.
        source.setAlwaysUseMessageFormat(true);
        return source;
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix, MessageSource messages) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/email/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        // Spring's engine evaluates expressions with SpEL; the plain one would need OGNL.
        var engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    private static List<Inline> pictograms() {
        return PICTOGRAMS.stream()
                .map(name -> {
                    try (var in = new ClassPathResource("email-pictograms/" + name + ".png").getInputStream()) {
                        return new Inline(name, in.readAllBytes(), "image/png");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }
}
