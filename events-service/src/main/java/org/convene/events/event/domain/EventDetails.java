package org.convene.events.event.domain;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an organiser writes about an event. The description is Markdown; it is sanitised on output. The
 * Easy Read summary (short lines) and the Welsh and Arabic title and summary are optional (issue 21).
 */
public record EventDetails(
        String title,
        @Nullable String summary,
        String description,
        EventFormat format,
        Audience audience,
        Set<String> topics,
        @Nullable Location location,
        SupportOffered support,
        @Nullable String easyReadSummary,
        Translations translations) {

    public EventDetails {
        topics = topics == null ? Set.of() : Set.copyOf(topics);
        support = support == null ? SupportOffered.NONE : support;
        easyReadSummary = easyReadSummary == null || easyReadSummary.isBlank() ? null : easyReadSummary.strip();
        translations = translations == null ? Translations.NONE : translations;
    }

    /** Details without an Easy Read summary or translations. */
    public EventDetails(
            String title,
            @Nullable String summary,
            String description,
            EventFormat format,
            Audience audience,
            Set<String> topics,
            @Nullable Location location,
            SupportOffered support) {
        this(title, summary, description, format, audience, topics, location, support, null, Translations.NONE);
    }
}
