package org.convene.web.page;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.convene.web.config.Languages;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Words and times as people read them, used by the templates as {@code @show}: codes become plain
 * words ({@code STEP_FREE_ACCESS} is "Step-free access", {@code word.*} in i18n/messages) and times are
 * shown in the event's own zone, saying which zone that is, in the page's language ({@code #locale}).
 */
@Component("show")
public class Show {

    private static final Locale UK = Locale.UK;
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", UK);

    private final MessageSource messages;

    Show(MessageSource messages) {
        this.messages = messages;
    }

    /** A code in plain British English (for pages not yet given the person's language). */
    public String word(String code) {
        return word(code, Languages.ENGLISH);
    }

    /**
     * A code in plain words in the page's language ({@code word.STEP_FREE_ACCESS}); unknown codes (a spoken
     * language such as "Arabic", a food option the organiser wrote) are shown as written, or as the
     * language's name when they are a language's code.
     */
    public String word(String code, Locale locale) {
        if (code == null) {
            return "";
        }
        if (code.startsWith("INTERPRETER_")) {
            return messages.getMessage(
                    "word.interpreterFor",
                    new Object[] {word(code.substring("INTERPRETER_".length()), locale)},
                    locale);
        }
        var word = messages.getMessage("word." + code, null, null, locale);
        if (word != null) {
            return word;
        }
        if (code.length() >= 2 && code.length() <= 3 && code.chars().allMatch(Character::isLetter)) {
            var language = Locale.forLanguageTag(code.toLowerCase(UK)).getDisplayLanguage(locale);
            if (!language.isBlank() && !language.equalsIgnoreCase(code)) {
                return language;
            }
        }
        return code;
    }

    public String words(Collection<String> codes) {
        return words(codes, Languages.ENGLISH);
    }

    public String words(Collection<String> codes, Locale locale) {
        return codes == null
                ? ""
                : String.join(
                        messages.getMessage("list.separator", null, ", ", locale),
                        codes.stream().map(code -> word(code, locale)).toList());
    }

    public String when(@Nullable OffsetDateTime starts, @Nullable OffsetDateTime ends, String timeZone) {
        return when(starts, ends, timeZone, Languages.ENGLISH);
    }

    /** "Wednesday 10 February 2027, 10:00 to 14:00 (UK time)", in the page's language and the event's zone. */
    public String when(@Nullable OffsetDateTime starts, @Nullable OffsetDateTime ends, String timeZone, Locale locale) {
        if (starts == null) {
            return "";
        }
        var zone = zone(timeZone);
        var day = day(locale);
        var time = time(locale);
        var start = starts.atZoneSameInstant(zone);
        var text = message("time.dayAndTime", locale, day.format(start), time.format(start));
        if (ends != null) {
            var end = ends.atZoneSameInstant(zone);
            var until = end.toLocalDate().equals(start.toLocalDate())
                    ? time.format(end)
                    : message("time.dayAndTime", locale, day.format(end), time.format(end));
            text = message("time.range", locale, text, until);
        }
        return message("time.withZone", locale, text, zoneName(zone, locale));
    }

    /** The time of day alone ("10:00"), in the event's zone. */
    public String time(OffsetDateTime at, String timeZone, Locale locale) {
        return at == null ? "" : time(locale).format(at.atZoneSameInstant(zone(timeZone)));
    }

    public String day(OffsetDateTime time, String timeZone) {
        return day(time, timeZone, Languages.ENGLISH);
    }

    /** "Wednesday 3 March 2027": the day in the event's own zone. */
    public String day(OffsetDateTime time, String timeZone, Locale locale) {
        return time == null ? "" : day(locale).format(time.atZoneSameInstant(zone(timeZone)));
    }

    /** A day without a time ("Wednesday 10 March 2027"), in the page's language. */
    public String day(LocalDate date, Locale locale) {
        return date == null ? "" : day(locale).format(date);
    }

    /** For a datetime-local input: the local time in the event's zone. */
    public String input(OffsetDateTime time, String timeZone) {
        return time == null ? "" : INPUT.format(time.atZoneSameInstant(zone(timeZone)));
    }

    /** The name of an event's time zone, as {@link #when} says it ("UK time"). */
    public String zoneName(String timeZone) {
        return zoneName(zone(timeZone), Languages.ENGLISH);
    }

    public String zoneName(ZoneId zone) {
        return zoneName(zone, Languages.ENGLISH);
    }

    public String zoneName(ZoneId zone, Locale locale) {
        if (zone.getId().equals("Europe/London")) {
            return messages.getMessage("time.zone.uk", null, locale);
        }
        return zone.getDisplayName(TextStyle.FULL, locale);
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /**
     * Digits as the language writes them (Arabic-Indic for Arabic), so a date reads as the numbers the
     * page's messages give around it.
     */
    private static DateTimeFormatter day(Locale locale) {
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale).withDecimalStyle(DecimalStyle.of(locale));
    }

    private static DateTimeFormatter time(Locale locale) {
        return DateTimeFormatter.ofPattern("HH:mm", locale).withDecimalStyle(DecimalStyle.of(locale));
    }

    /** The access needs a person can name (the registrations API's codes), in the order the forms ask them. */
    public List<String> accessNeeds() {
        return List.of(
                "WHEELCHAIR_USER",
                "STEP_FREE_ACCESS",
                "HEARING_LOOP",
                "LARGE_PRINT",
                "EASY_READ",
                "QUIET_SPACE",
                "OTHER");
    }

    /** Time zones organisers are most likely to pick, UK first. */
    public List<String> zones() {
        return List.of(
                "Europe/London",
                "Europe/Dublin",
                "Europe/Paris",
                "Europe/Berlin",
                "America/New_York",
                "America/Toronto",
                "Australia/Sydney",
                "Pacific/Auckland",
                "UTC");
    }

    private static ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? ZoneId.of("Europe/London") : ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of("Europe/London");
        }
    }
}
