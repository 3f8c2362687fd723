package org.convene.notifications.newsletter.domain;

/** What {@link Newsletter}'s rules answered: a new state to store, or a refusal and why, in the organiser's words. */
public sealed interface NewsletterChange {

    Newsletter newsletter();

    /** Store this state (its version one more than the one it was decided from). */
    record Changed(Newsletter newsletter) implements NewsletterChange {}

    record Refused(Newsletter newsletter, String why) implements NewsletterChange {}
}
