package org.convene.notifications.newsletter.domain;

import org.jspecify.annotations.Nullable;

/** Who acts, from a validated token: their organisation, their address for test copies, whether an admin. */
public record Organiser(
        String subject, String organisationId, @Nullable String email, boolean admin) {}
