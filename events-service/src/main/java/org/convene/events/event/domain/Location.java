package org.convene.events.event.domain;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Where an event happens: a venue people travel to, or a link only registered attendees see. */
public sealed interface Location {

    record Venue(
            String name,
            String address,
            @Nullable String postcode,
            Set<AccessibilityFeature> accessibility,
            @Nullable String nearestPublicTransport,
            @Nullable String accessibilityNotes)
            implements Location {

        public Venue {
            accessibility = accessibility == null ? Set.of() : Set.copyOf(accessibility);
        }

        /** Accessibility facts in a stable order, for messages and pages. */
        public List<AccessibilityFeature> accessibilityInOrder() {
            return accessibility.stream().sorted().toList();
        }
    }

    record Online(URI link) implements Location {}
}
