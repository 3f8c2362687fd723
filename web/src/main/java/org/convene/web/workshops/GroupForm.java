package org.convene.web.workshops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.web.page.Form;
import org.convene.web.page.Reading;
import org.convene.web.page.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The group form a worker fills in, often on a phone: about them, the adults coming, and one block per
 * young person ({@code group.members[i].…}, the API's own field paths, so its field errors come back
 * onto the right person). People are added and removed by submitting the form, which works without
 * scripts; what was typed is kept.
 */
final class GroupForm {

    static final List<String> WORKER_ROLES = List.of("PROFESSIONAL", "CARER");
    static final List<String> ADULT_KINDS = List.of("SUPPORT_WORKER", "CARER", "INTERPRETER", "MANAGER");
    static final int MOST_ADULTS_OF_A_KIND = 5;

    private GroupForm() {}

    static String member(int index, String field) {
        return "group.members[" + index + "]." + field;
    }

    /** The questions' names in words, for the error summary: each young person by their number. */
    static Map<String, String> labels(int people, Texts texts) {
        var labels = new LinkedHashMap<String, String>();
        labels.put("attendee.name", "label.attendee.name");
        labels.put("attendee.email", "label.attendee.email");
        labels.put("attendee.phone", "label.attendee.phone");
        labels.put("attendee.role", "label.attendee.roleInGroup");
        labels.put("attendee.ageBand", "label.attendee.ageBand");
        labels.put("group.organisation", "label.group.organisation");
        labels.put("companions", "label.group.adults");
        for (int i = 0; i < people; i++) {
            var who = texts.get("group.person", i + 1);
            for (var field : List.of(
                    "name",
                    "ageBand",
                    "email",
                    "guardian.name",
                    "guardian.contact",
                    "guardian.consentGiven",
                    "supportNeeds.interpreter",
                    "supportNeeds.other")) {
                labels.put(member(i, field), texts.get("label.member." + field, who));
            }
            labels.put("group.members[" + i + "]", who);
        }
        labels.put("group.members", "label.group.members");
        labels.put("group", "label.group.members");
        return labels;
    }

    /** How many young people the form has, within 1 and the event's limit. */
    static int people(@Nullable String sent, int limit) {
        if (sent == null) {
            return Math.min(3, limit);
        }
        try {
            return Math.max(1, Math.min(limit, Integer.parseInt(sent.strip())));
        } catch (RuntimeException e) {
            return Math.min(3, limit);
        }
    }

    /** The answers without young person {@code removed}: those after move up one, with what was typed. */
    static MultiValueMap<String, String> without(MultiValueMap<String, String> values, int removed) {
        var kept = new LinkedMultiValueMap<String, String>();
        values.forEach((name, answers) -> {
            if (!name.startsWith("group.members[")) {
                kept.put(name, answers);
                return;
            }
            var close = name.indexOf(']');
            int index;
            try {
                index = Integer.parseInt(name.substring("group.members[".length(), close));
            } catch (RuntimeException e) {
                return;
            }
            if (index != removed) {
                kept.put(member(index < removed ? index : index - 1, name.substring(close + 2)), answers);
            }
        });
        return kept;
    }

    /** The API's request body; empty answers are left out so the API says what is missing. */
    static Map<String, Object> request(Form form, int people, Reading reading) {
        var attendee = new LinkedHashMap<String, Object>();
        attendee.put("name", form.trimmed("attendee.name"));
        attendee.put("email", form.trimmed("attendee.email"));
        attendee.put("phone", form.trimmed("attendee.phone"));
        attendee.put("role", form.trimmed("attendee.role"));
        // A worker bringing young people is an adult; the API asks every registrant their age band.
        attendee.put("ageBand", "OVER_25");
        var members = new java.util.ArrayList<Map<String, Object>>();
        for (int i = 0; i < people; i++) {
            var member = new LinkedHashMap<String, Object>();
            member.put("name", form.trimmed(member(i, "name")));
            member.put("ageBand", form.trimmed(member(i, "ageBand")));
            var guardianName = form.trimmed(member(i, "guardian.name"));
            var guardianContact = form.trimmed(member(i, "guardian.contact"));
            var consent = form.checked(member(i, "guardian.consentGiven"));
            if (guardianName != null || guardianContact != null || consent) {
                var guardian = new LinkedHashMap<String, Object>();
                guardian.put("name", guardianName);
                guardian.put("contact", guardianContact);
                guardian.put("consentGiven", consent);
                member.put("guardian", guardian);
            }
            var needs = new LinkedHashMap<String, Object>();
            needs.put("interpreter", form.trimmed(member(i, "supportNeeds.interpreter")));
            needs.put("access", form.all(member(i, "supportNeeds.access")));
            needs.put("other", form.trimmed(member(i, "supportNeeds.other")));
            member.put("supportNeeds", needs);
            member.put(
                    "consents", Map.of("photos", form.checked(member(i, "consents.photos")), "futureContact", false));
            member.put("email", form.trimmed(member(i, "email")));
            member.put("ownConfirmation", form.checked(member(i, "ownConfirmation")));
            members.add(member);
        }
        var group = new LinkedHashMap<String, Object>();
        group.put("organisation", form.trimmed("group.organisation"));
        group.put("members", members);
        var body = new LinkedHashMap<String, Object>();
        body.put("attendee", attendee);
        body.put("companions", adults(form));
        body.put("group", group);
        body.put("consents", Map.of("photos", false, "futureContact", form.checked("consents.futureContact")));
        reading.addTo(body);
        return body;
    }

    /** One select per kind of adult ("how many interpreters are you bringing?"), as the API's list of kinds. */
    private static List<String> adults(Form form) {
        var adults = new java.util.ArrayList<String>();
        for (var kind : ADULT_KINDS) {
            int count;
            try {
                count = Math.max(
                        0, Math.min(MOST_ADULTS_OF_A_KIND, Integer.parseInt(form.value("companions." + kind))));
            } catch (RuntimeException e) {
                count = 0;
            }
            for (int i = 0; i < count; i++) {
                adults.add(kind);
            }
        }
        return adults;
    }
}
