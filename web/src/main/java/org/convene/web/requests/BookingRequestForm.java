package org.convene.web.requests;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convene.web.page.Form;
import org.jspecify.annotations.Nullable;

/**
 * The public booking request form: its questions as the API names them ({@code requester.email}), so the
 * API's field errors land on the right inputs, and the request's body built from what was typed.
 */
final class BookingRequestForm {

    static final List<String> KINDS = List.of("TRAINING", "KEYNOTE", "CONSULTANCY");
    static final List<String> AUDIENCES = List.of("YOUNG_PEOPLE", "CARERS", "PROFESSIONALS", "MIXED");
    static final List<String> ACCESSIBILITY =
            List.of("STEP_FREE_ACCESS", "ACCESSIBLE_TOILET", "HEARING_LOOP", "QUIET_ROOM", "PARKING");
    /**
     * An offering's choice: one radio sends one value, so {@code OFFERING:<id>} becomes the API's
     * {@code "kind": "OFFERING"} with {@code "offeringId"}.
     */
    static final String OFFERING = "OFFERING:";

    static final int DATES = 3;
    static final int MESSAGE_MAX = 2_000;

    static final Map<String, String> LABELS = labels();

    private BookingRequestForm() {}

    private static Map<String, String> labels() {
        var labels = new LinkedHashMap<String, String>();
        labels.put("kind", "label.requests.kind");
        labels.put("requester.organisation", "label.requests.requester.organisation");
        labels.put("requester.name", "label.requests.requester.name");
        labels.put("requester.email", "label.requests.requester.email");
        labels.put("requester.phone", "label.requests.requester.phone");
        labels.put("preferredDates", "label.requests.preferredDates");
        labels.put("flexible", "label.requests.flexible");
        labels.put("online", "label.requests.online");
        labels.put("town", "label.requests.town");
        labels.put("audienceSize", "label.requests.audienceSize");
        labels.put("audience", "label.requests.audience");
        labels.put("accessibility", "label.requests.accessibility");
        labels.put("accessibilityNotes", "label.requests.accessibilityNotes");
        labels.put("interpreterLanguages", "label.requests.interpreterLanguages");
        labels.put("message", "label.requests.message");
        return Map.copyOf(labels);
    }

    /** The API's body: fields left empty are left out, numbers and dates go as typed for the API to judge. */
    static Map<String, Object> request(Form form) {
        var body = new LinkedHashMap<String, Object>();
        var kind = form.trimmed("kind");
        if (kind != null && kind.startsWith(OFFERING)) {
            body.put("kind", "OFFERING");
            body.put("offeringId", kind.substring(OFFERING.length()));
        } else {
            body.put("kind", kind);
        }
        var requester = new LinkedHashMap<String, Object>();
        requester.put("organisation", form.trimmed("requester.organisation"));
        requester.put("name", form.trimmed("requester.name"));
        requester.put("email", form.trimmed("requester.email"));
        requester.put("phone", form.trimmed("requester.phone"));
        body.put("requester", requester);
        body.put(
                "preferredDates",
                form.all("preferredDates").stream().map(String::strip).toList());
        body.put("flexible", form.checked("flexible"));
        var online = "true".equals(form.value("online"));
        body.put("online", online);
        body.put("town", online ? null : form.trimmed("town"));
        body.put("audienceSize", number(form.trimmed("audienceSize")));
        body.put("audience", form.trimmed("audience"));
        body.put("accessibility", form.all("accessibility"));
        body.put("accessibilityNotes", form.trimmed("accessibilityNotes"));
        body.put("interpreterLanguages", list(form.value("interpreterLanguages")));
        body.put("message", form.trimmed("message"));
        return body;
    }

    /**
     * The API's rules that join fields speak as instructions ("give up to 3 dates, or say you are flexible");
     * such a message is shown as it is, as a sentence, rather than after the field's label.
     */
    static Map<String, String> inWords(Map<String, String> apiErrors) {
        var words = new LinkedHashMap<String, String>();
        // The offering chosen is a choice of the "What are you asking for?" group: its error is shown there.
        apiErrors.forEach((field, message) ->
                words.putIfAbsent(field.equals("offeringId") ? "kind" : field, instruction(message)));
        return words;
    }

    private static @Nullable String instruction(@Nullable String message) {
        if (message == null) {
            return null;
        }
        var first = message.split(" ", 2)[0].toLowerCase(Locale.UK);
        if (List.of("give", "say", "leave", "choose").contains(first)) {
            return Character.toUpperCase(message.charAt(0)) + message.substring(1);
        }
        return message;
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
