package org.convene.web.page;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Words and times as people read them, used by the templates as {@code @show}: codes become plain
 * words ({@code STEP_FREE_ACCESS} is "Step-free access") and times are shown in the event's own zone,
 * saying which zone that is.
 */
@Component("show")
public class Show {

    private static final Locale UK = Locale.UK;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", UK);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", UK);

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("YOUNG_PEOPLE", "Young people"),
            Map.entry("CARERS", "Carers"),
            Map.entry("PROFESSIONALS", "Professionals"),
            Map.entry("EVERYONE", "Everyone"),
            Map.entry("WORKSHOP", "Workshop"),
            Map.entry("TRAINING", "Training"),
            Map.entry("KEYNOTE", "Keynote"),
            Map.entry("MEETING", "Meeting"),
            Map.entry("OTHER", "Other"),
            Map.entry("STEP_FREE_ACCESS", "Step-free access"),
            Map.entry("ACCESSIBLE_TOILET", "Accessible toilet"),
            Map.entry("HEARING_LOOP", "Hearing loop"),
            Map.entry("QUIET_ROOM", "Quiet room"),
            Map.entry("PARKING", "Parking"),
            Map.entry("WHEELCHAIR_USER", "I use a wheelchair"),
            Map.entry("LARGE_PRINT", "Large print"),
            Map.entry("EASY_READ", "Easy Read material"),
            Map.entry("QUIET_SPACE", "A quiet space"),
            Map.entry("CARER", "Carer"),
            Map.entry("PERSONAL_ASSISTANT", "Personal assistant"),
            Map.entry("SUPPORT_WORKER", "Support worker"),
            Map.entry("INTERPRETER", "Interpreter they bring"),
            Map.entry("MANAGER", "Manager or head of service"),
            Map.entry("YOUNG_PERSON", "Young person"),
            Map.entry("PROFESSIONAL", "Professional"),
            Map.entry("UNDER_16", "Under 16"),
            Map.entry("AGE_16_TO_17", "16 or 17"),
            Map.entry("AGE_18_TO_25", "18 to 25"),
            Map.entry("OVER_25", "Over 25"),
            Map.entry("CONFIRMED", "Confirmed"),
            Map.entry("WAITLISTED", "Waiting list"),
            Map.entry("CANCELLED", "Cancelled"),
            Map.entry("DRAFT", "Draft"),
            Map.entry("PUBLISHED", "Published"),
            Map.entry("COMPLETED", "Completed"),
            Map.entry("ATTENDED", "Attended"),
            Map.entry("NO_SHOW", "Did not come"),
            Map.entry("SCHEDULED", "Scheduled"),
            Map.entry("SENDING", "Sending"),
            Map.entry("SENT", "Sent"),
            Map.entry("PUBLIC", "Public"),
            Map.entry("UNLISTED", "Unlisted"),
            Map.entry("INVITE_ONLY", "Invitation only"),
            Map.entry("BSL", "British Sign Language (BSL)"),
            Map.entry("DIETARY", "Food needs"),
            Map.entry("OTHER_NEEDS", "Other needs"),
            Map.entry("workshops", "Workshops"),
            Map.entry("training", "Training"),
            Map.entry("blog-posts", "Blog posts"),
            Map.entry("podcasts", "Podcasts"));

    /** A code in plain words; unknown codes (a spoken language such as "Arabic") are shown as written. */
    public String word(String code) {
        if (code == null) {
            return "";
        }
        if (code.startsWith("INTERPRETER_")) {
            return word(code.substring("INTERPRETER_".length())) + " interpreter";
        }
        var word = WORDS.get(code);
        if (word != null) {
            return word;
        }
        if (code.length() >= 2 && code.length() <= 3 && code.chars().allMatch(Character::isLetter)) {
            var language = Locale.forLanguageTag(code.toLowerCase(UK)).getDisplayLanguage(UK);
            if (!language.isBlank() && !language.equals(code)) {
                return language;
            }
        }
        return code;
    }

    public String words(Collection<String> codes) {
        return codes == null
                ? ""
                : String.join(", ", codes.stream().map(this::word).toList());
    }

    /** "Wednesday 10 February 2027, 10:00 to 14:00 (UK time)". */
    public String when(OffsetDateTime starts, OffsetDateTime ends, String timeZone) {
        if (starts == null) {
            return "";
        }
        var zone = zone(timeZone);
        var start = starts.atZoneSameInstant(zone);
        var text = new StringBuilder(DAY.format(start)).append(", ").append(TIME.format(start));
        if (ends != null) {
            var end = ends.atZoneSameInstant(zone);
            text.append(" to ");
            if (!end.toLocalDate().equals(start.toLocalDate())) {
                text.append(DAY.format(end)).append(", ");
            }
            text.append(TIME.format(end));
        }
        return text.append(" (").append(zoneName(zone)).append(')').toString();
    }

    /** "Wednesday 3 March 2027": the day in the event's own zone. */
    public String day(OffsetDateTime time, String timeZone) {
        return time == null ? "" : DAY.format(time.atZoneSameInstant(zone(timeZone)));
    }

    /** For a datetime-local input: the local time in the event's zone. */
    public String input(OffsetDateTime time, String timeZone) {
        return time == null ? "" : INPUT.format(time.atZoneSameInstant(zone(timeZone)));
    }

    /** The name of an event's time zone, as {@link #when} says it ("UK time"). */
    public String zoneName(String timeZone) {
        return zoneName(zone(timeZone));
    }

    public String zoneName(ZoneId zone) {
        if (zone.getId().equals("Europe/London")) {
            return "UK time";
        }
        return zone.getDisplayName(TextStyle.FULL, UK);
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
