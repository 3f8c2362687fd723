package org.convene.web.workshops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.web.page.Form;
import org.convene.web.page.Reading;

/**
 * The registration form's questions, named by the API's own field paths (their labels are i18n/messages keys), and how the answers become
 * the API's request. Validation is the API's: its field errors come back onto these questions.
 */
final class RegistrationForm {

    static final Map<String, String> LABELS = labels();
    static final List<String> COMPANION_KINDS = List.of("CARER", "SUPPORT_WORKER", "PERSONAL_ASSISTANT");
    static final List<String> ROLES = List.of("YOUNG_PERSON", "CARER", "PROFESSIONAL", "OTHER");
    static final List<String> AGE_BANDS = List.of("UNDER_16", "AGE_16_TO_17", "AGE_18_TO_25", "OVER_25");

    private RegistrationForm() {}

    private static Map<String, String> labels() {
        var labels = new LinkedHashMap<String, String>();
        labels.put("attendee.name", "label.attendee.name");
        labels.put("attendee.email", "label.attendee.email");
        labels.put("attendee.phone", "label.attendee.phone");
        labels.put("attendee.role", "label.attendee.role");
        labels.put("attendee.ageBand", "label.attendee.ageBand");
        labels.put("attendee.guardian.name", "label.attendee.guardian.name");
        labels.put("attendee.guardian.contact", "label.attendee.guardian.contact");
        labels.put("attendee.guardian.consentGiven", "label.attendee.guardian.consentGiven");
        labels.put("attendee.guardian", "label.attendee.guardian");
        labels.put("companions", "label.companions");
        labels.put("supportNeeds.interpreter", "label.supportNeeds.interpreter");
        labels.put("supportNeeds.access", "label.supportNeeds.access");
        labels.put("supportNeeds.dietary", "label.supportNeeds.dietary");
        labels.put("supportNeeds.other", "label.supportNeeds.other");
        labels.put("consents.photos", "label.consents.photos");
        labels.put("consents.futureContact", "label.consents.futureContact");
        return labels;
    }

    /**
     * The API's request body from the answers; empty answers are left out so the API says what is missing.
     * {@code reading}: the language and reading mode the person's emails are to be in, as the page was.
     */
    static Map<String, Object> request(Form form, Reading reading) {
        var attendee = new LinkedHashMap<String, Object>();
        attendee.put("name", form.trimmed("attendee.name"));
        attendee.put("email", form.trimmed("attendee.email"));
        attendee.put("phone", form.trimmed("attendee.phone"));
        attendee.put("role", form.trimmed("attendee.role"));
        attendee.put("ageBand", form.trimmed("attendee.ageBand"));
        var guardianName = form.trimmed("attendee.guardian.name");
        var guardianContact = form.trimmed("attendee.guardian.contact");
        var consent = form.checked("attendee.guardian.consentGiven");
        if (guardianName != null || guardianContact != null || consent) {
            var guardian = new LinkedHashMap<String, Object>();
            guardian.put("name", guardianName);
            guardian.put("contact", guardianContact);
            guardian.put("consentGiven", consent);
            attendee.put("guardian", guardian);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("attendee", attendee);
        body.put("companions", companions(form));
        body.put("supportNeeds", supportNeeds(form));
        body.put(
                "consents",
                Map.of(
                        "photos",
                        form.checked("consents.photos"),
                        "futureContact",
                        form.checked("consents.futureContact")));
        reading.addTo(body);
        return body;
    }

    /** One select per kind of companion ("how many carers are coming?"), as the API's list of kinds. */
    static List<String> companions(Form form) {
        var companions = new ArrayList<String>();
        for (var kind : COMPANION_KINDS) {
            int count = count(form.value("companions." + kind));
            for (int i = 0; i < count; i++) {
                companions.add(kind);
            }
        }
        return companions;
    }

    static Map<String, Object> supportNeeds(Form form) {
        var needs = new LinkedHashMap<String, Object>();
        var interpreter = form.trimmed("supportNeeds.interpreter");
        needs.put("interpreter", interpreter);
        needs.put("access", form.all("supportNeeds.access"));
        needs.put("dietary", form.all("supportNeeds.dietary"));
        needs.put("other", form.trimmed("supportNeeds.other"));
        return needs;
    }

    private static int count(String value) {
        try {
            return Math.max(0, Math.min(10, Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
