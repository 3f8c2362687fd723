package org.convene.registrations.registration.domain;

import org.jspecify.annotations.Nullable;

/**
 * The person registering. Age band and guardian details are sensitive: organisers of the event only.
 * {@code language} (a BCP 47 tag of {@link #LANGUAGES}) and {@code easyRead}: how they want their emails
 * written (issue 21); registrations stored before them read as English, standard.
 */
public record Attendee(
        String name,
        String email,
        @Nullable String phone,
        @Nullable AttendeeRole role,
        @Nullable AgeBand ageBand,
        @Nullable Guardian guardian,
        String language,
        Boolean easyRead) {

    public static final String DEFAULT_LANGUAGE = "en-GB";

    /** The languages Convene writes in. */
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en-GB", "cy", "ar");

    // Registrations stored before language and Easy Read were kept read them as null: English, standard.
    public Attendee {
        language = language == null || language.isBlank() ? DEFAULT_LANGUAGE : language;
        easyRead = Boolean.TRUE.equals(easyRead);
    }

    public Attendee(
            String name,
            String email,
            @Nullable String phone,
            @Nullable AttendeeRole role,
            @Nullable AgeBand ageBand,
            @Nullable Guardian guardian) {
        this(name, email, phone, role, ageBand, guardian, DEFAULT_LANGUAGE, false);
    }

    public Attendee withReading(String newLanguage, boolean newEasyRead) {
        return new Attendee(name, email, phone, role, ageBand, guardian, newLanguage, newEasyRead);
    }

    public boolean wantsEasyRead() {
        return Boolean.TRUE.equals(easyRead);
    }

    public record Guardian(@Nullable String name, @Nullable String contact, boolean consentGiven) {}

    /**
     * Who this person is for duplicate checks: a carer and a young person may share an email
     * address, so the name is part of it. Case, spacing and accents do not matter.
     */
    public String personKey() {
        return normalise(email) + "|" + normalise(name);
    }

    private static String normalise(String text) {
        var folded = java.text.Normalizer.normalize(text.strip(), java.text.Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "");
        return folded.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    }
}
