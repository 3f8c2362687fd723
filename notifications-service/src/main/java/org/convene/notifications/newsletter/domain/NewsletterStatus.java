package org.convene.notifications.newsletter.domain;

public enum NewsletterStatus {
    DRAFT,
    SCHEDULED,
    SENDING,
    SENT,
    CANCELLED
}
