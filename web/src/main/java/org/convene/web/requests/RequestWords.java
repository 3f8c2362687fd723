package org.convene.web.requests;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.convene.web.page.Show;
import org.springframework.stereotype.Component;

/**
 * Booking requests' codes and dates in plain words, for the templates as {@code @requestWords}; other codes
 * (access features, languages) are {@link Show}'s.
 */
@Component("requestWords")
public class RequestWords {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("TRAINING", "Training"),
            Map.entry("KEYNOTE", "Keynote"),
            Map.entry("OFFERING", "One of your offerings"),
            Map.entry("CONSULTANCY", "Consultancy"),
            Map.entry("MIXED", "A mix of people"),
            Map.entry("NEW", "New"),
            Map.entry("IN_DISCUSSION", "In discussion"),
            Map.entry("ACCEPTED", "Accepted (draft being made)"),
            Map.entry("SCHEDULED", "Scheduled"),
            Map.entry("DECLINED", "Declined"),
            Map.entry("RECEIVED", "Request received"),
            Map.entry("NOTE", "Note (only your organisation sees it)"),
            Map.entry("REPLY", "Reply emailed to the requester"),
            Map.entry("STATUS_CHANGED", "Status changed"),
            Map.entry("ERASED", "Personal data erased"));

    private final Show show;

    RequestWords(Show show) {
        this.show = show;
    }

    public String word(String code) {
        var word = code == null ? null : WORDS.get(code);
        return word != null ? word : show.word(code);
    }

    public String words(Collection<String> codes) {
        return codes == null
                ? ""
                : String.join(", ", codes.stream().map(this::word).toList());
    }

    /**
     * What was asked for: "Keynote", or for one of the organisation's offerings its name, with its kind when
     * known ("“Young carers awareness” (training)").
     */
    public String kind(String kind, String offeringName, String offeringKind) {
        if (!"OFFERING".equals(kind) || offeringName == null) {
            return "OFFERING".equals(kind) ? "One of your offerings" : word(kind);
        }
        var named = "“" + offeringName + "”";
        var of = offeringKind == null ? null : WORDS.get(offeringKind);
        return of == null ? named : named + " (" + of.toLowerCase(Locale.UK) + ")";
    }

    /** "Wednesday 10 March 2027". */
    public String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    /** "Sunday 6 December 2026, 10:15 (UK time)". */
    public String at(OffsetDateTime time) {
        return show.when(time, null, "Europe/London");
    }
}
