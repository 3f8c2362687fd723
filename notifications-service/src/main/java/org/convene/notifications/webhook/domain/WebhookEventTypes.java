package org.convene.notifications.webhook.domain;

import java.util.List;

/** The facts an endpoint can choose, by the names receivers see in {@code type}. */
public final class WebhookEventTypes {

    public static final String EVENT_PUBLISHED = "event.published";
    public static final String EVENT_RESCHEDULED = "event.rescheduled";
    public static final String EVENT_CANCELLED = "event.cancelled";
    public static final String REGISTRATION_CONFIRMED = "registration.confirmed";
    public static final String REGISTRATION_WAITLISTED = "registration.waitlisted";
    public static final String REGISTRATION_PROMOTED = "registration.promoted";
    public static final String REGISTRATION_CANCELLED = "registration.cancelled";
    public static final String ATTENDEE_CHECKED_IN = "attendee.checked_in";
    public static final String NEWSLETTER_SENT = "newsletter.sent";
    public static final String BOOKING_REQUEST_RECEIVED = "booking_request.received";

    public static final List<String> ALL = List.of(
            EVENT_PUBLISHED,
            EVENT_RESCHEDULED,
            EVENT_CANCELLED,
            REGISTRATION_CONFIRMED,
            REGISTRATION_WAITLISTED,
            REGISTRATION_PROMOTED,
            REGISTRATION_CANCELLED,
            ATTENDEE_CHECKED_IN,
            NEWSLETTER_SENT,
            BOOKING_REQUEST_RECEIVED);

    /** For request validation: exactly one of {@link #ALL}. */
    public static final String PATTERN = "event\\.(published|rescheduled|cancelled)"
            + "|registration\\.(confirmed|waitlisted|promoted|cancelled)"
            + "|attendee\\.checked_in|newsletter\\.sent|booking_request\\.received";

    private WebhookEventTypes() {}
}
