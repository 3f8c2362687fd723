package org.convene.notifications.mail;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How an email writes an event's date and time: the patterns of the bundle {@code i18n/emails} in the
 * reader's language ({@code email.format.when}, {@code .date}, {@code .time}), each made once per language.
 * Whatever writes an event's time for people to read in an email or a newsletter takes it from here, so
 * all of them say it the same way.
 */
public final class EventDates {

    /** By pattern key and language tag. */
    private static final ConcurrentMap<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

    private EventDates() {}

    /** Day, date and time. */
    public static DateTimeFormatter when(Locale locale) {
        return formatter("email.format.when", locale);
    }

    /** Day and date, for Easy Read, which gives the time on a line of its own. */
    public static DateTimeFormatter date(Locale locale) {
        return formatter("email.format.date", locale);
    }

    /** The time alone, for Easy Read. */
    public static DateTimeFormatter time(Locale locale) {
        return formatter("email.format.time", locale);
    }

    private static DateTimeFormatter formatter(String pattern, Locale locale) {
        return FORMATTERS.computeIfAbsent(
                pattern + "|" + locale.toLanguageTag(),
                key -> DateTimeFormatter.ofPattern(EmailTemplates.MESSAGES.getMessage(pattern, null, locale), locale));
    }
}
