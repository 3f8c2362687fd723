package org.convene.web.organiser;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.web.api.Events.Event;
import org.convene.web.page.Form;
import org.convene.web.page.Show;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;

/** The event form's fields, named by the events API's paths, and the API request they make. */
final class EventForm {

    /** The fields' names, narrower before wider ({@code venue.name} before {@code venue}) for showing errors. */
    static final List<String> FIELDS = List.of(
            "title",
            "summary",
            "description",
            "format",
            "audience",
            "topics",
            "startsAt",
            "endsAt",
            "timeZone",
            "capacity",
            "maxCompanions",
            "groupLimit",
            "visibility",
            "venue.name",
            "venue.address",
            "venue.postcode",
            "venue.accessibility",
            "venue.nearestPublicTransport",
            "venue.accessibilityNotes",
            "venue",
            "onlineLink",
            "support.interpreterLanguages",
            "support.dietaryOptions",
            "support",
            "reason");

    static final List<String> FORMATS = List.of("WORKSHOP", "TRAINING", "KEYNOTE", "MEETING", "OTHER");
    static final List<String> AUDIENCES = List.of("YOUNG_PEOPLE", "CARERS", "PROFESSIONALS", "EVERYONE");
    static final List<String> ACCESSIBILITY =
            List.of("STEP_FREE_ACCESS", "ACCESSIBLE_TOILET", "HEARING_LOOP", "QUIET_ROOM", "PARKING");

    private EventForm() {}

    /** The fields' labels in the reader's language. */
    static Map<String, String> labels(OrganiserWords.In words) {
        return words.labels("organiser.field.", FIELDS);
    }

    /** The form filled in from an event, for editing it. */
    static Form of(Event event, Show show, Map<String, String> labels) {
        var values = new LinkedMultiValueMap<String, String>();
        values.add("title", event.title());
        values.add("summary", event.summary());
        values.add("description", event.description());
        values.add("format", event.format());
        values.add("audience", event.audience());
        values.add("topics", event.topics() == null ? "" : String.join(", ", event.topics()));
        values.add("startsAt", show.input(event.startsAt(), event.timeZone()));
        values.add("endsAt", show.input(event.endsAt(), event.timeZone()));
        values.add("timeZone", event.timeZone());
        values.add("capacity", String.valueOf(event.capacity()));
        values.add("maxCompanions", String.valueOf(event.maxCompanions()));
        values.add("groupLimit", String.valueOf(event.groupLimitOrDefault()));
        values.add("visibility", event.visibility() == null ? "PUBLIC" : event.visibility());
        if (event.venue() != null) {
            values.add("place", "venue");
            values.add("venue.name", event.venue().name());
            values.add("venue.address", event.venue().address());
            values.add("venue.postcode", event.venue().postcode());
            if (event.venue().accessibility() != null) {
                event.venue().accessibility().forEach(feature -> values.add("venue.accessibility", feature));
            }
            values.add("venue.nearestPublicTransport", event.venue().nearestPublicTransport());
            values.add("venue.accessibilityNotes", event.venue().accessibilityNotes());
        } else {
            values.add("place", "online");
            values.add("onlineLink", event.onlineLink());
        }
        if (event.support() != null) {
            values.add(
                    "support.interpreterLanguages",
                    String.join(", ", event.support().interpreterLanguages()));
            values.add(
                    "support.dietaryOptions", String.join(", ", event.support().dietaryOptions()));
            values.add("support.foodProvided", event.support().foodProvided() ? "true" : null);
            values.add("support.travelSupport", event.support().travelSupport() ? "true" : null);
        }
        return new Form(values, labels);
    }

    static Map<String, Object> request(Form form) {
        var body = new LinkedHashMap<String, Object>();
        body.put("title", form.trimmed("title"));
        body.put("summary", form.trimmed("summary"));
        body.put("description", form.trimmed("description"));
        body.put("format", form.trimmed("format"));
        body.put("audience", form.trimmed("audience"));
        body.put("topics", list(form.value("topics")));
        body.put("startsAt", form.trimmed("startsAt"));
        body.put("endsAt", form.trimmed("endsAt"));
        body.put("timeZone", form.value("timeZone", "Europe/London"));
        body.put("capacity", number(form.trimmed("capacity")));
        body.put("maxCompanions", number(form.value("maxCompanions", "2")));
        body.put("groupLimit", number(form.value("groupLimit", "12")));
        body.put("visibility", form.value("visibility", "PUBLIC"));
        if ("online".equals(form.value("place"))) {
            body.put("onlineLink", form.trimmed("onlineLink"));
        } else {
            var venue = new LinkedHashMap<String, Object>();
            venue.put("name", form.trimmed("venue.name"));
            venue.put("address", form.trimmed("venue.address"));
            venue.put("postcode", form.trimmed("venue.postcode"));
            venue.put("accessibility", form.all("venue.accessibility"));
            venue.put("nearestPublicTransport", form.trimmed("venue.nearestPublicTransport"));
            venue.put("accessibilityNotes", form.trimmed("venue.accessibilityNotes"));
            body.put("venue", venue);
        }
        var support = new LinkedHashMap<String, Object>();
        support.put("interpreterLanguages", list(form.value("support.interpreterLanguages")));
        support.put("foodProvided", form.checked("support.foodProvided"));
        support.put("dietaryOptions", list(form.value("support.dietaryOptions")));
        support.put("travelSupport", form.checked("support.travelSupport"));
        body.put("support", support);
        return body;
    }

    /** "BSL, Arabic" as a list; the API validates each entry. */
    static List<String> list(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .distinct()
                .toList();
    }

    /** A number as typed; anything else goes to the API as written, which names the field. */
    static @Nullable Object number(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
