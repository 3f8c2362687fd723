package org.convene.web.organiser;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convene.web.page.Form;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The organiser pages' words in the reader's language, from the {@code i18n/organiser} bundles: codes as words
 * ({@code STEP_FREE_ACCESS} is "Step-free access"), times in the event's own zone and numbers, each as the
 * reader's locale writes them. The templates use it as {@code @organiserWords} and pass {@code #locale}: a
 * reactive request has no thread-bound locale, so it is always handed over. The Java side takes an {@link In}
 * bound to the request's locale.
 */
@Component("organiserWords")
public class OrganiserWords {

    private static final String LONDON = "Europe/London";

    /** Fields answered by picking, not typing: "Choose the kind of event" rather than "Enter …". */
    private static final List<String> CHOICES = List.of("format", "audience", "topics", "timeZone", "kind");

    private final MessageSource messages;

    OrganiserWords(MessageSource messages) {
        this.messages = messages;
    }

    /** The words in the language the request was resolved to (the layout's and Thymeleaf's, too). */
    In in(ServerWebExchange exchange) {
        return in(LocaleContextHolder.getLocale(exchange.getLocaleContext()));
    }

    In in(Locale locale) {
        return new In(locale);
    }

    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, locale);
    }

    /**
     * A code in words. Needs and what people bring have {@code organiser.need.*} keys, everything else
     * {@code organiser.word.*}; a spoken language's code is named in the reader's language; anything else is
     * data (a dietary option, a language the organiser typed) and is shown as written.
     */
    public String word(String code, Locale locale) {
        if (code == null) {
            return "";
        }
        if (code.startsWith("INTERPRETER_")) {
            return text("organiser.need.interpreterOf", locale, word(code.substring("INTERPRETER_".length()), locale));
        }
        for (var prefix : List.of("organiser.word.", "organiser.need.")) {
            var word = messages.getMessage(prefix + code, null, null, locale);
            if (word != null) {
                return word;
            }
        }
        if (code.length() >= 2 && code.length() <= 3 && code.chars().allMatch(Character::isLetter)) {
            var language = Locale.forLanguageTag(code.toLowerCase(Locale.ROOT)).getDisplayLanguage(locale);
            if (!language.isBlank() && !language.equalsIgnoreCase(code)) {
                return language;
            }
        }
        return code;
    }

    public String words(Collection<String> codes, Locale locale) {
        return codes == null
                ? ""
                : String.join(
                        text("organiser.list.separator", locale),
                        codes.stream().map(code -> word(code, locale)).toList());
    }

    /** "BSL: 1, Carer: 2": counts of codes, the codes in words and the counts as the locale writes numbers. */
    public String counts(Map<String, ? extends Number> counts, Locale locale) {
        return String.join(
                text("organiser.list.separator", locale),
                counts.entrySet().stream()
                        .map(entry -> text(
                                "organiser.count",
                                locale,
                                word(entry.getKey(), locale),
                                number(entry.getValue(), locale)))
                        .toList());
    }

    public String number(Number number, Locale locale) {
        return number == null ? "" : NumberFormat.getIntegerInstance(locale).format(number);
    }

    /** "Wednesday 10 February 2027, 10:00 to 14:00 (UK time)", in the event's own zone. */
    public String when(OffsetDateTime starts, @Nullable OffsetDateTime ends, String timeZone, Locale locale) {
        if (starts == null) {
            return "";
        }
        var zone = zone(timeZone);
        var start = starts.atZoneSameInstant(zone);
        var day = formatter("organiser.format.day", locale);
        var time = formatter("organiser.format.time", locale);
        var text = text("organiser.when.dayTime", locale, day.format(start), time.format(start));
        if (ends != null) {
            var end = ends.atZoneSameInstant(zone);
            var until = end.toLocalDate().equals(start.toLocalDate())
                    ? time.format(end)
                    : text("organiser.when.dayTime", locale, day.format(end), time.format(end));
            text = text("organiser.when.range", locale, text, until);
        }
        return text("organiser.when.zone", locale, text, zoneName(zone, locale));
    }

    /** "Wednesday 3 March 2027": the day in the event's own zone. */
    public String day(OffsetDateTime time, String timeZone, Locale locale) {
        return time == null
                ? ""
                : formatter("organiser.format.day", locale).format(time.atZoneSameInstant(zone(timeZone)));
    }

    public String day(LocalDate date, Locale locale) {
        return date == null ? "" : formatter("organiser.format.day", locale).format(date);
    }

    /** When something happened to a booking request, in UK time as the inbox has always shown it. */
    public String at(OffsetDateTime time, Locale locale) {
        return when(time, null, LONDON, locale);
    }

    public String zoneName(String timeZone, Locale locale) {
        return zoneName(zone(timeZone), locale);
    }

    public String zoneName(ZoneId zone, Locale locale) {
        if (zone.getId().equals(LONDON)) {
            return text("organiser.zone.uk", locale);
        }
        return zone.getDisplayName(TextStyle.FULL, locale);
    }

    /**
     * What a booking request asks for: "Keynote", or one of the organisation's offerings by its name, with its
     * kind when known ("“Young carers awareness” (training)").
     */
    public String requestKind(
            String kind, @Nullable String offeringName, @Nullable String offeringKind, Locale locale) {
        if (!"OFFERING".equals(kind) || offeringName == null) {
            return word(kind, locale);
        }
        return offeringKind == null
                ? text("organiser.request.offering", locale, offeringName)
                : text(
                        "organiser.request.offeringOfKind",
                        locale,
                        offeringName,
                        word(offeringKind, locale).toLowerCase(locale));
    }

    private DateTimeFormatter formatter(String key, Locale locale) {
        return DateTimeFormatter.ofPattern(text(key, locale), locale);
    }

    private static ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? ZoneId.of(LONDON) : ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of(LONDON);
        }
    }

    /** The words bound to one request's locale, for the controllers and the page models they build. */
    final class In {

        private final Locale locale;

        private In(Locale locale) {
            this.locale = locale;
        }

        Locale locale() {
            return locale;
        }

        String text(String key, Object... args) {
            return OrganiserWords.this.text(key, locale, args);
        }

        String word(String code) {
            return OrganiserWords.this.word(code, locale);
        }

        String day(OffsetDateTime time, String timeZone) {
            return OrganiserWords.this.day(time, timeZone, locale);
        }

        String when(OffsetDateTime starts, @Nullable OffsetDateTime ends, String timeZone) {
            return OrganiserWords.this.when(starts, ends, timeZone, locale);
        }

        String number(Number number) {
            return OrganiserWords.this.number(number, locale);
        }

        String requestKind(String kind, @Nullable String offeringName, @Nullable String offeringKind) {
            return OrganiserWords.this.requestKind(kind, offeringName, offeringKind, locale);
        }

        String list(Collection<String> parts) {
            return String.join(text("organiser.list.separator"), parts);
        }

        /**
         * The labels of a form's fields from {@code organiser.<prefix>.<field>} keys, in the order given (an
         * error on {@code venue.name} is shown at the first label it falls under, so the narrower come first).
         */
        Map<String, String> labels(String prefix, List<String> fields) {
            var labels = new LinkedHashMap<String, String>();
            fields.forEach(field -> labels.put(field, text(prefix + field)));
            return labels;
        }

        /** The API's field errors on the form, each in words for the reader under the field the page shows. */
        void rejectAll(Form form, Map<String, String> labels, Map<String, String> apiErrors) {
            apiErrors.forEach((field, message) -> reject(form, labels, field, message));
        }

        void reject(Form form, Map<String, String> labels, String field, String apiMessage) {
            var shown = labels.keySet().stream()
                    .filter(known ->
                            field.equals(known) || field.startsWith(known + ".") || field.startsWith(known + "["))
                    .findFirst()
                    .orElse(field);
            say(form, shown, sentence(labels.getOrDefault(shown, shown), shown, apiMessage));
        }

        /**
         * A sentence already in the reader's words, at its field; the first one per field stays. Not through
         * {@link Form#reject}, which rewords a sentence that does not start with a capital, as Arabic never does.
         */
        void say(Form form, String field, String sentence) {
            form.errors().putIfAbsent(field, sentence);
        }

        /**
         * The validator's words as a sentence: the kinds the pages know are said in the reader's language; a
         * sentence the API wrote for people is shown as written, and anything else follows the field's label.
         */
        private String sentence(String label, String field, String message) {
            if (message == null || message.isBlank()) {
                return text("organiser.error.check", lower(label));
            }
            if (message.startsWith("must not be blank")
                    || message.startsWith("must not be null")
                    || message.startsWith("must not be empty")) {
                return text(
                        CHOICES.stream().anyMatch(field::endsWith) ? "organiser.error.choose" : "organiser.error.enter",
                        lower(label));
            }
            if (message.startsWith("must be a well-formed email")) {
                return text("organiser.error.email");
            }
            if (message.startsWith("size must be between")) {
                return text("organiser.error.tooLong", label);
            }
            if (Character.isUpperCase(message.charAt(0))) {
                return message;
            }
            return text("organiser.error.fieldSays", label, message);
        }

        private String lower(String label) {
            return label.isEmpty() ? label : label.substring(0, 1).toLowerCase(locale) + label.substring(1);
        }
    }
}
