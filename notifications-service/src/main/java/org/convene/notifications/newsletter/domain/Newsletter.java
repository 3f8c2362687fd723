package org.convene.notifications.newsletter.domain;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One newsletter (campaign) of an organisation, and the organiser's side of its lifecycle (docs/api.md,
 * "Newsletters"; which state may follow which is {@link NewsletterStatus}): written as a draft; scheduled, now
 * when no time or a past one is given, and scheduled again for another time until sending starts; cancelled
 * while scheduled or sending. Sending, planning and finishing are the sender's ({@code NewsletterDispatcher}).
 *
 * <p>Written in Markdown, kept with its sanitised HTML, sent to the confirmed subscribers of its topics.
 * {@code planned} says every recipient has a delivery record, so the newsletter can be finished only when all
 * of them are settled. Each rule answers with a {@link NewsletterChange}; the newsletter itself never changes,
 * and {@link Newsletters} stores the new state only if nobody stored another since this one was read
 * ({@code version}; newsletters stored before versions read as version 0).
 */
public record Newsletter(
        String id,
        String organisationId,
        String subject,
        String markdown,
        String html,
        Set<String> topics,
        NewsletterStatus status,
        @Nullable Instant sendAt,
        String createdBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        boolean planned,
        long recipients,
        Long version) {

    public Newsletter {
        version = version == null ? 0 : version;
    }

    /** As before versions. */
    public Newsletter(
            String id,
            String organisationId,
            String subject,
            String markdown,
            String html,
            Set<String> topics,
            NewsletterStatus status,
            @Nullable Instant sendAt,
            String createdBy,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            boolean planned,
            long recipients) {
        this(
                id,
                organisationId,
                subject,
                markdown,
                html,
                topics,
                status,
                sendAt,
                createdBy,
                createdAt,
                startedAt,
                finishedAt,
                planned,
                recipients,
                0L);
    }

    /** A new draft: nothing goes out until it is scheduled. */
    public static Newsletter draft(
            String id,
            String organisationId,
            String author,
            String subject,
            String markdown,
            String html,
            Set<String> topics,
            Instant now) {
        return new Newsletter(
                id,
                organisationId,
                subject.strip(),
                markdown,
                html,
                new TreeSet<>(topics),
                NewsletterStatus.DRAFT,
                null,
                author,
                now,
                null,
                null,
                false,
                0,
                1L);
    }

    /** A newsletter written for the organisation and due now, never a draft (a new workshop's announcement). */
    public static Newsletter dueNow(
            String id,
            String organisationId,
            String author,
            String subject,
            String markdown,
            String html,
            Set<String> topics,
            Instant now) {
        var draft = draft(id, organisationId, author, subject, markdown, html, topics, now);
        return draft.with(NewsletterStatus.SCHEDULED, now, null, 1L);
    }

    /**
     * A draft or scheduled newsletter goes out at {@code sendAt}, or now when it is absent or past; once
     * sending has started, or the newsletter is sent or cancelled, its time is past changing.
     */
    public NewsletterChange schedule(@Nullable Instant sendAt, Instant now) {
        if (!status.canBecome(NewsletterStatus.SCHEDULED)) {
            return refused("only a draft or scheduled newsletter can be scheduled.");
        }
        var when = sendAt == null || sendAt.isBefore(now) ? now : sendAt;
        return new NewsletterChange.Changed(with(NewsletterStatus.SCHEDULED, when, finishedAt, version + 1));
    }

    /**
     * A scheduled or sending newsletter stops now: what is not sent yet never will be. A draft has nothing to
     * stop, and a sent or cancelled one is final.
     */
    public NewsletterChange cancel(Instant now) {
        if (!status.canBecome(NewsletterStatus.CANCELLED)) {
            return refused("only a scheduled or sending newsletter can be cancelled.");
        }
        return new NewsletterChange.Changed(with(NewsletterStatus.CANCELLED, sendAt, now, version + 1));
    }

    private NewsletterChange refused(String rule) {
        return new NewsletterChange.Refused(
                this, "This newsletter is " + status.name().toLowerCase() + "; " + rule);
    }

    private Newsletter with(
            NewsletterStatus newStatus, @Nullable Instant newSendAt, @Nullable Instant newFinishedAt, long newVersion) {
        return new Newsletter(
                id,
                organisationId,
                subject,
                markdown,
                html,
                topics,
                newStatus,
                newSendAt,
                createdBy,
                createdAt,
                startedAt,
                newFinishedAt,
                planned,
                recipients,
                newVersion);
    }
}
