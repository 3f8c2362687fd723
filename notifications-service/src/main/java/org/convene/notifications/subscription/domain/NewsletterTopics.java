package org.convene.notifications.subscription.domain;

import java.util.List;

/** What a subscriber can ask to hear about; newsletters are sent to those who chose one of its topics. */
public final class NewsletterTopics {

    public static final String WORKSHOPS = "workshops";
    public static final List<String> ALL = List.of(WORKSHOPS, "training", "blog-posts", "podcasts");
    public static final String PATTERN = "workshops|training|blog-posts|podcasts";

    private NewsletterTopics() {}
}
