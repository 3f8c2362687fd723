package org.convene.events.event.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** When people may register. Left open, it opens at publication and closes when the event starts. */
public record RegistrationWindow(
        @Nullable Instant opensAt, @Nullable Instant closesAt) {

    public static final RegistrationWindow UNSET = new RegistrationWindow(null, null);
}
