package org.convene.notifications.newsletter.domain;

/** Who acts, from a validated token: their organisation, their address for test copies, whether an admin. */
public record Organiser(String subject, String organisationId, String email, boolean admin) {}
