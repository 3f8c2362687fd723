package org.convene.web.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A form as sent, and what was wrong with it, for showing it again. Field names are the API's own
 * paths ({@code attendee.email}), so the API's field errors land on the right inputs without a
 * mapping; {@link #id} turns a name into the input's id for the error summary's links.
 */
public final class Form {

    /** Answered by picking, not typing: "Choose your age" rather than "Enter your age". */
    private static final List<String> CHOICES =
            List.of("role", "ageBand", "format", "audience", "topics", "timeZone", "kind");

    private final MultiValueMap<String, String> values;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> labels;
    private final Texts texts;

    /**
     * {@code labels}: each field's name in words, or the key of its words in i18n/messages; {@code texts}: the
     * page's language, which the error messages are written in.
     */
    public Form(MultiValueMap<String, String> values, Map<String, String> labels, Texts texts) {
        this.values = values == null ? new LinkedMultiValueMap<>() : values;
        this.labels = labels;
        this.texts = texts;
    }

    /** A form whose messages are in British English. */
    public Form(MultiValueMap<String, String> values, Map<String, String> labels) {
        this(values, labels, Texts.english());
    }

    public static Form empty(Map<String, String> labels) {
        return new Form(new LinkedMultiValueMap<>(), labels);
    }

    public static Form empty(Map<String, String> labels, Texts texts) {
        return new Form(new LinkedMultiValueMap<>(), labels, texts);
    }

    public String value(String name) {
        var value = values.getFirst(name);
        return value == null ? "" : value;
    }

    public String value(String name, String otherwise) {
        var value = values.getFirst(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    public List<String> all(String name) {
        var all = values.get(name);
        return all == null ? List.of() : all.stream().filter(v -> !v.isBlank()).toList();
    }

    public boolean has(String name, String value) {
        return all(name).contains(value);
    }

    public boolean checked(String name) {
        return "true".equals(values.getFirst(name)) || "on".equals(values.getFirst(name));
    }

    public @Nullable String trimmed(String name) {
        var value = values.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Records the API's message for a field in words for people, under the field the page shows it on. */
    public Form reject(String field, String apiMessage) {
        var shown = labels.keySet().stream()
                .filter(known -> field.equals(known) || field.startsWith(known + ".") || field.startsWith(known + "["))
                .findFirst()
                .orElse(field);
        errors.putIfAbsent(shown, sentence(shown, apiMessage));
        return this;
    }

    public Form rejectAll(Map<String, String> apiErrors) {
        apiErrors.forEach(this::reject);
        return this;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public Map<String, String> errors() {
        return errors;
    }

    public @Nullable String error(String name) {
        return errors.get(name);
    }

    /** The input's id for a field name ({@code attendee.email} is {@code attendee-email}). */
    public String id(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    public String label(String name) {
        var label = labels.get(name);
        // The message of a label, or the label as written: never null for a label given.
        return label == null ? name : java.util.Objects.requireNonNullElse(texts.orAsWritten(label), label);
    }

    /** The ids of the hint and the error message that describe the input, or null when there are none. */
    public @Nullable String describedBy(String name, boolean hint) {
        var ids = new java.util.ArrayList<String>();
        if (hint) {
            ids.add(id(name) + "-hint");
        }
        if (errors.containsKey(name)) {
            ids.add(id(name) + "-error");
        }
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    private String sentence(String field, String message) {
        var label = label(field);
        if (message == null || message.isBlank()) {
            return texts.get("form.error.check", lower(label));
        }
        if (message.startsWith("must not be blank")
                || message.startsWith("must not be null")
                || message.startsWith("must not be empty")) {
            return texts.get(
                    CHOICES.stream().anyMatch(field::endsWith) ? "form.error.choose" : "form.error.enter",
                    lower(label));
        }
        if (message.startsWith("must be a well-formed email")) {
            return texts.get("form.error.email");
        }
        if (message.startsWith("size must be between")) {
            return texts.get("form.error.tooLong", label);
        }
        if (Character.isUpperCase(message.charAt(0))) {
            return message;
        }
        // The API's own words after the field's name: English, as the API writes them.
        return label + " " + message;
    }

    private static String lower(String label) {
        return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }
}
