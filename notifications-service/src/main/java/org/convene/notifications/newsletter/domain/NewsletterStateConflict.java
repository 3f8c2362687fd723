package org.convene.notifications.newsletter.domain;

public class NewsletterStateConflict extends RuntimeException {
    public NewsletterStateConflict(String message) {
        super(message);
    }
}
