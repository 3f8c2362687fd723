package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** An event's time as emails write it: the bundle's patterns, in the reader's language. */
class EventDatesTests {

    private static final ZonedDateTime STARTS = ZonedDateTime.of(2026, 3, 3, 18, 30, 0, 0, ZoneId.of("Europe/London"));

    @Test
    void englishIsTheBundlesDefaultPattern() {
        var english = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, h:mm a", Locale.UK);

        assertThat(EventDates.when(Locale.UK).format(STARTS)).isEqualTo(english.format(STARTS));
        assertThat(EventDates.when(Locale.forLanguageTag("en-GB")).format(STARTS))
                .isEqualTo(english.format(STARTS));
        assertThat(EventDates.date(Locale.UK).format(STARTS)).isEqualTo("Tuesday 3 March 2026");
    }

    @Test
    void eachLanguageHasItsOwnWords() {
        var welsh = Locale.forLanguageTag("cy");
        var arabic = Locale.forLanguageTag("ar");

        assertThat(EventDates.date(welsh).format(STARTS))
                .isEqualTo(
                        DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", welsh).format(STARTS));
        assertThat(EventDates.when(arabic).format(STARTS))
                .isEqualTo(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy\u060c h:mm a", arabic)
                        .format(STARTS));
    }

    @Test
    void aLanguageWithoutTheBundleIsWrittenInTheDefaultPattern() {
        var german = Locale.GERMANY;

        assertThat(EventDates.time(german).format(STARTS))
                .isEqualTo(DateTimeFormatter.ofPattern("h:mm a", german).format(STARTS));
    }
}
