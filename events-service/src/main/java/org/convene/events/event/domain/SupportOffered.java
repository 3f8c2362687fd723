package org.convene.events.event.domain;

import java.util.List;

/**
 * Support the organiser can arrange: interpreters that can be booked (BSL, or spoken languages by
 * ISO 639 code or name), food and the dietary options catered for, and help with travel.
 */
public record SupportOffered(
        List<String> interpreterLanguages, boolean foodProvided, List<String> dietaryOptions, boolean travelSupport) {

    public static final SupportOffered NONE = new SupportOffered(List.of(), false, List.of(), false);

    public SupportOffered {
        interpreterLanguages = interpreterLanguages == null ? List.of() : List.copyOf(interpreterLanguages);
        dietaryOptions = dietaryOptions == null ? List.of() : List.copyOf(dietaryOptions);
    }
}
