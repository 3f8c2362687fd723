package org.convene.registrations.registration.domain;

/** Who is acting, from a validated token: an organiser of one organisation. */
public record Organiser(String subject, String organisationId) {

    public boolean runs(EventSeats event) {
        return organisationId.equals(event.organisationId());
    }
}
