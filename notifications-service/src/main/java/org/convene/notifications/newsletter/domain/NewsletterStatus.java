package org.convene.notifications.newsletter.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What may happen to a newsletter (docs/api.md, "Newsletters"), the whole rule in one place: written as
 * a {@code DRAFT}; scheduled, and scheduled again for another time, until sending starts; {@code SENDING}
 * once its time comes; {@code SENT} when every recipient's delivery is settled; {@code CANCELLED} while
 * scheduled or sending, after which nothing more goes out. {@code SENT} and {@code CANCELLED} are final.
 *
 * <p>The store applies each change in one update conditional on the states {@link #from} names, so an
 * organiser cancelling and the sender finishing cannot both win.
 */
public enum NewsletterStatus {
    DRAFT,
    SCHEDULED,
    SENDING,
    SENT,
    CANCELLED;

    /** The states this one may become. */
    public Set<NewsletterStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(SCHEDULED);
            case SCHEDULED -> EnumSet.of(SCHEDULED, SENDING, CANCELLED);
            case SENDING -> EnumSet.of(SENT, CANCELLED);
            case SENT, CANCELLED -> EnumSet.noneOf(NewsletterStatus.class);
        };
    }

    public boolean canBecome(NewsletterStatus status) {
        return next().contains(status);
    }

    /** The states from which a newsletter may become {@code status}: the condition of that change's update. */
    public static Set<NewsletterStatus> from(NewsletterStatus status) {
        var from = EnumSet.noneOf(NewsletterStatus.class);
        Arrays.stream(values()).filter(state -> state.canBecome(status)).forEach(from::add);
        return from;
    }
}
