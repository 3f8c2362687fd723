package org.convene.notifications.newsletter.domain;

/** Someone stored the newsletter since it was read (optimistic concurrency): read it again and decide again. */
public class NewsletterChanged extends RuntimeException {
    public NewsletterChanged(String id, long version) {
        super("newsletter " + id + " is no longer at version " + version);
    }
}
