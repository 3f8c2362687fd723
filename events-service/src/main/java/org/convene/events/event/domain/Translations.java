package org.convene.events.event.domain;

import org.jspecify.annotations.Nullable;

/**
 * An event's title and summary as its organiser wrote them in Welsh and in Arabic (issue 21): the public
 * pages show them to people reading in that language; absent ones fall back to the event's own words.
 */
public record Translations(
        @Nullable Translation cy, @Nullable Translation ar) {

    public static final Translations NONE = new Translations(null, null);

    public Translations {
        cy = cy == null || cy.isEmpty() ? null : cy;
        ar = ar == null || ar.isEmpty() ? null : ar;
    }

    /** A title and a summary in one language; either may be absent. */
    public record Translation(
            @Nullable String title, @Nullable String summary) {

        public Translation {
            title = title == null || title.isBlank() ? null : title.strip();
            summary = summary == null || summary.isBlank() ? null : summary.strip();
        }

        boolean isEmpty() {
            return title == null && summary == null;
        }
    }
}
