package org.convene.registrations.registration.domain;

/** The person registering. Age band and guardian details are sensitive: organisers of the event only. */
public record Attendee(String name, String email, String phone, AttendeeRole role, AgeBand ageBand, Guardian guardian) {

    public record Guardian(String name, String contact, boolean consentGiven) {}

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
