package org.convene.web.organiser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.convene.web.api.Offerings.Offering;
import org.convene.web.page.Form;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The "What you offer" form: one row per offering, named as the API names its fields
 * ({@code offerings[0].name}), so the API's field errors land on the row's inputs. A row ticked "Remove this
 * one", or left blank, is not sent; the API's index of a sent row is mapped back to the row it came from.
 */
final class OfferingsForm {

    static final List<String> KINDS = List.of("TRAINING", "KEYNOTE", "CONSULTANCY");
    static final int MAX = 20;
    static final int NAME_MAX = 80;
    static final int DESCRIPTION_MAX = 300;

    private static final Pattern ROW = Pattern.compile("offerings\\[(\\d+)]\\.(\\w+)");

    /** What is sent, and for each entry of it the form's row it came from. */
    record Sent(List<Map<String, Object>> offerings, List<Integer> rows) {}

    private OfferingsForm() {}

    static Map<String, String> labels(int rows, OrganiserWords.In words) {
        var labels = new LinkedHashMap<String, String>();
        for (var i = 0; i < rows; i++) {
            for (var name : List.of("name", "kind", "description", "remove")) {
                labels.put(field(i, name), words.text("organiser.offerings.field." + name));
            }
        }
        labels.put("offerings", words.text("organiser.offerings.field.offerings"));
        return labels;
    }

    static String field(int row, String name) {
        return "offerings[" + row + "]." + name;
    }

    /** The rows as the API has them, and a blank one to fill in when there are none yet. */
    static Form of(List<Offering> offerings, OrganiserWords.In words) {
        MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
        for (var i = 0; i < offerings.size(); i++) {
            var offering = offerings.get(i);
            values.add(field(i, "id"), offering.id());
            values.add(field(i, "name"), offering.name());
            values.add(field(i, "kind"), offering.kind());
            values.add(field(i, "description"), offering.description() == null ? "" : offering.description());
        }
        return new Form(values, labels(Math.max(1, offerings.size()), words));
    }

    /** How many rows the page sent: one more than the highest row named. */
    static int rows(MultiValueMap<String, String> values) {
        var rows = 0;
        for (var name : values.keySet()) {
            var row = ROW.matcher(name);
            if (row.matches()) {
                var index = Integer.parseInt(row.group(1));
                if (index < MAX * 2) {
                    rows = Math.max(rows, index + 1);
                }
            }
        }
        return rows;
    }

    static boolean blank(Form form, int row) {
        return form.trimmed(field(row, "id")) == null
                && form.trimmed(field(row, "name")) == null
                && form.trimmed(field(row, "description")) == null;
    }

    /** The API's body: kept rows in their order, an id only for an offering the API gave one. */
    static Sent sent(Form form, int rows) {
        var offerings = new ArrayList<Map<String, Object>>();
        var from = new ArrayList<Integer>();
        for (var i = 0; i < rows; i++) {
            if (form.checked(field(i, "remove")) || blank(form, i)) {
                continue;
            }
            var offering = new LinkedHashMap<String, Object>();
            var id = form.trimmed(field(i, "id"));
            if (id != null) {
                offering.put("id", id);
            }
            offering.put("name", form.trimmed(field(i, "name")));
            offering.put("description", form.trimmed(field(i, "description")));
            offering.put("kind", form.trimmed(field(i, "kind")));
            offerings.add(offering);
            from.add(i);
        }
        return new Sent(offerings, from);
    }

    /**
     * The API's field errors on the rows they came from, in words: "Offering 2: enter its name". An error on
     * an entry's id is shown at its name; one on the whole list stays on the list.
     */
    static Map<String, String> errors(Map<String, String> apiErrors, Sent sent, OrganiserWords.In words) {
        var errors = new LinkedHashMap<String, String>();
        apiErrors.forEach((field, message) -> {
            var row = ROW.matcher(field);
            if (!row.matches()) {
                errors.putIfAbsent("offerings", sentence(message, words));
                return;
            }
            var index = Integer.parseInt(row.group(1));
            var formRow = index < sent.rows().size() ? sent.rows().get(index) : index;
            var name = row.group(2).equals("id") ? "name" : row.group(2);
            errors.putIfAbsent(
                    field(formRow, name),
                    words.text(
                            "organiser.offerings.error",
                            words.number(formRow + 1),
                            words(name, message == null ? "" : message, words)));
        });
        return errors;
    }

    /** What is wrong with one field of a row; a message of the API's own words follows what it is about. */
    private static String words(String field, String message, OrganiserWords.In words) {
        var what = words.text(
                switch (field) {
                    case "name" -> "organiser.offerings.the.name";
                    case "kind" -> "organiser.offerings.the.kind";
                    case "description" -> "organiser.offerings.the.description";
                    default -> "organiser.offerings.the.other";
                });
        if (message.startsWith("must not be blank") || message.startsWith("must not be null")) {
            return words.text(
                    field.equals("kind") ? "organiser.offerings.chooseKind" : "organiser.offerings.enterName");
        }
        if (message.startsWith("size must be between")) {
            return words.text(
                    "organiser.offerings.tooLong",
                    what,
                    words.number(field.equals("description") ? DESCRIPTION_MAX : NAME_MAX));
        }
        if (message.isBlank()) {
            return words.text("organiser.offerings.checkIt", what);
        }
        if (message.startsWith("another")) {
            return message;
        }
        return words.text("organiser.offerings.says", what, message);
    }

    private static String sentence(String message, OrganiserWords.In words) {
        if (message == null || message.isBlank()) {
            return words.text("organiser.offerings.checkList");
        }
        return Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
