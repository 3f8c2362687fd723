package org.convene.events.event.domain;

import java.time.Instant;

/** When people may register. Left open, it opens at publication and closes when the event starts. */
public record RegistrationWindow(Instant opensAt, Instant closesAt) {

    public static final RegistrationWindow UNSET = new RegistrationWindow(null, null);
}
