package org.convene.registrations.support.domain;

import java.util.ArrayList;
import java.util.List;
import org.convene.registrations.registration.domain.Registration;
import org.convene.registrations.registration.domain.SupportNeeds;
import org.jspecify.annotations.Nullable;

/**
 * One thing to arrange for one person of a registration. Needs of a kind are arranged once for the
 * whole event ({@code need} is the kind's code: an interpreter booked for a language covers everyone
 * needing it, so do a step-free entrance and the food ordered); what someone wrote in their own words
 * is arranged for them alone ({@code need} is {@code OTHER:<registration>[/<member>]}).
 *
 * @param need what an arrangement is made for
 * @param code the kind alone, as messages carry it: never the person's words
 * @param who the person's name, for the organiser
 * @param detail what the person wrote, for the organiser only; null for a kind
 */
public record Need(
        String need, String code, String who, @Nullable String detail) {

    public static final String OTHER = "OTHER";

    /** Every need of the registrant and of each young person of their group. */
    public static List<Need> of(Registration registration) {
        var needs = new ArrayList<Need>();
        add(
                needs,
                registration.supportNeeds(),
                registration.attendee().name(),
                registration.id().value());
        for (var member : registration.members()) {
            if (member.name() != null) {
                add(
                        needs,
                        member.supportNeeds(),
                        member.name(),
                        registration.id().value() + "/" + member.id());
            }
        }
        return needs;
    }

    private static void add(List<Need> needs, SupportNeeds support, String who, String person) {
        if (support == null) {
            return;
        }
        for (var code : support.summary()) {
            needs.add(new Need(code, code, who, null));
        }
        if (support.other() != null && !support.other().isBlank()) {
            needs.add(new Need(OTHER + ":" + person, OTHER, who, support.other()));
        }
    }
}
