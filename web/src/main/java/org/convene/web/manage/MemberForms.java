package org.convene.web.manage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convene.web.api.Events.Event;
import org.convene.web.api.Registrations.Registration.Member;
import org.convene.web.page.Form;
import org.convene.web.page.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The worker's forms about the young people of their group, on the group's own page: one to add a young
 * person ({@code member.…}: the API's paths for one {@code group.members} entry under a prefix, so its
 * inputs' ids do not clash with the worker's own support form on the same page), and one per young person
 * to change what they need ({@code members.<memberId>.supportNeeds.…}). The API's field errors come back
 * onto the right inputs with the prefix added.
 */
final class MemberForms {

    static final String ADD = "member.";

    /** The API's age bands, youngest first, as the group booking form asks them. */
    static final List<String> AGE_BANDS = List.of("UNDER_16", "AGE_16_TO_17", "AGE_18_TO_25", "OVER_25");

    private MemberForms() {}

    /** The prefix of one young person's "what they need" form. */
    static String needs(String memberId) {
        return "members." + memberId + ".";
    }

    static Map<String, String> addLabels() {
        var labels = new LinkedHashMap<String, String>();
        labels.put(ADD + "name", "label.their.name");
        labels.put(ADD + "ageBand", "label.their.ageBand");
        labels.put(ADD + "guardian.name", "label.their.guardian.name");
        labels.put(ADD + "guardian.contact", "label.their.guardian.contact");
        labels.put(ADD + "guardian.consentGiven", "label.their.guardian.consentGiven");
        labels.putAll(needsLabels(ADD));
        labels.put(ADD + "email", "label.their.email");
        labels.put(ADD + "ownConfirmation", "label.their.ownConfirmation");
        return labels;
    }

    static Map<String, String> needsLabels(String prefix) {
        var labels = new LinkedHashMap<String, String>();
        labels.put(prefix + "supportNeeds.interpreter", "label.supportNeeds.interpreter");
        labels.put(prefix + "supportNeeds.access", "label.supportNeeds.access");
        labels.put(prefix + "supportNeeds.dietary", "label.supportNeeds.dietary");
        labels.put(prefix + "supportNeeds.other", "label.supportNeeds.other");
        return labels;
    }

    /** The API's body for one young person; the guardian only when something about them was given. */
    static Map<String, Object> addRequest(Form form) {
        var member = new LinkedHashMap<String, Object>();
        member.put("name", form.trimmed(ADD + "name"));
        member.put("ageBand", form.trimmed(ADD + "ageBand"));
        var guardianName = form.trimmed(ADD + "guardian.name");
        var guardianContact = form.trimmed(ADD + "guardian.contact");
        var consent = form.checked(ADD + "guardian.consentGiven");
        if (guardianName != null || guardianContact != null || consent) {
            var guardian = new LinkedHashMap<String, Object>();
            guardian.put("name", guardianName);
            guardian.put("contact", guardianContact);
            guardian.put("consentGiven", consent);
            member.put("guardian", guardian);
        }
        member.put("supportNeeds", needsRequest(form, ADD));
        member.put("email", form.trimmed(ADD + "email"));
        member.put("ownConfirmation", form.checked(ADD + "ownConfirmation"));
        return member;
    }

    /** The API's support-needs body from the fields under {@code prefix}. */
    static Map<String, Object> needsRequest(Form form, String prefix) {
        var needs = new LinkedHashMap<String, Object>();
        needs.put("interpreter", form.trimmed(prefix + "supportNeeds.interpreter"));
        needs.put("access", form.all(prefix + "supportNeeds.access"));
        needs.put("dietary", form.all(prefix + "supportNeeds.dietary"));
        needs.put("other", form.trimmed(prefix + "supportNeeds.other"));
        return needs;
    }

    /** The API's field errors ({@code guardian.name}) on the form's own inputs ({@code member.guardian.name}). */
    static Form reject(Form form, String prefix, Map<String, String> apiErrors) {
        apiErrors.forEach((field, message) -> form.reject(prefix + field, message));
        return form;
    }

    /**
     * One young person's form as the page first shows it: what can be read back from the kinds of support
     * they asked for (access needs, the interpreter's language); food needs and their own words are not in
     * the view, which is why the form says it replaces what they told us.
     */
    static Form prefilled(Member member, @Nullable Event event, Texts texts) {
        var prefix = needs(member.memberId());
        var values = new LinkedMultiValueMap<String, String>();
        var languages = event == null || event.support() == null
                ? List.<String>of()
                : event.support().interpreterLanguages();
        for (var kind : member.supportRequested() == null ? List.<String>of() : member.supportRequested()) {
            if (kind.startsWith("INTERPRETER_")) {
                var language = kind.substring("INTERPRETER_".length());
                languages.stream()
                        .filter(offered -> offered.toUpperCase(Locale.ROOT).equals(language))
                        .findFirst()
                        .ifPresent(offered -> values.add(prefix + "supportNeeds.interpreter", offered));
            } else if (!"DIETARY".equals(kind)) {
                values.add(prefix + "supportNeeds.access", kind);
            }
        }
        return new Form(values, needsLabels(prefix), texts);
    }
}
