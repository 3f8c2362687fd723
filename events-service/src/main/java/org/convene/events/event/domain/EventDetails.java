package org.convene.events.event.domain;

import java.util.Set;

/** What an organiser writes about an event. The description is Markdown; it is sanitised on output. */
public record EventDetails(
        String title,
        String summary,
        String description,
        EventFormat format,
        Audience audience,
        Set<String> topics,
        Location location,
        SupportOffered support) {

    public EventDetails {
        topics = topics == null ? Set.of() : Set.copyOf(topics);
        support = support == null ? SupportOffered.NONE : support;
    }
}
