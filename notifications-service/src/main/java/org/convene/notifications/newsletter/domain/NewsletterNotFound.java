package org.convene.notifications.newsletter.domain;

public class NewsletterNotFound extends RuntimeException {
    public NewsletterNotFound() {
        super("There is no newsletter with this id in your organisation.");
    }
}
