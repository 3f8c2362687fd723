package org.convene.notifications.newsletter.domain;

import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;

/**
 * One newsletter (campaign) of an organisation: written in Markdown, kept with its sanitised HTML,
 * sent to the confirmed subscribers of its topics. {@code planned} says every recipient has a
 * delivery record, so the newsletter can be finished only when all of them are settled.
 */
public record Newsletter(
        @Id String id,
        String organisationId,
        String subject,
        String markdown,
        String html,
        Set<String> topics,
        NewsletterStatus status,
        Instant sendAt,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        boolean planned,
        long recipients) {}
