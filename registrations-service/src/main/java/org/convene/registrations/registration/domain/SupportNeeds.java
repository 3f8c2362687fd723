package org.convene.registrations.registration.domain;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What someone needs to take part. Interpreter: {@code BSL} or a spoken language by ISO code or
 * name. Free text is for organisers only and never leaves this service.
 */
public record SupportNeeds(
        @Nullable String interpreter,
        Set<AccessNeed> access,
        List<String> dietary,
        @Nullable String other) {

    public static final SupportNeeds NONE = new SupportNeeds(null, Set.of(), List.of(), null);

    public SupportNeeds {
        access = access == null ? Set.of() : Set.copyOf(access);
        dietary = dietary == null ? List.of() : List.copyOf(dietary);
    }

    /** Kinds of support asked for, without any free text: what messages and alerts may carry. */
    public List<String> summary() {
        var kinds = new java.util.ArrayList<String>();
        if (interpreter != null && !interpreter.isBlank()) {
            kinds.add("INTERPRETER_" + interpreter.strip().toUpperCase(java.util.Locale.ROOT));
        }
        access.stream().sorted().map(Enum::name).forEach(kinds::add);
        if (!dietary.isEmpty()) {
            kinds.add("DIETARY");
        }
        return kinds;
    }
}
