package org.convene.registrations.support.messaging;

import org.convene.contracts.support.SupportDigestMessage;
import org.convene.contracts.support.SupportDigestMessageType;
import org.convene.registrations.support.domain.SupportDigest;

/** A support digest as {@code convene.support.v1} carries it: the domain's {@link SupportDigest}, field for field. */
public final class SupportDigestMessages {

    /** A digest is written once, when its day is claimed, and never changed. */
    private static final long ONLY_VERSION = 1;

    private SupportDigestMessages() {}

    public static SupportDigestMessage of(SupportDigest digest) {
        return new SupportDigestMessage(
                digest.messageId(),
                SupportDigestMessageType.SupportOutstanding,
                digest.occurredAt(),
                digest.organisationId(),
                ONLY_VERSION,
                digest.date(),
                digest.events().stream()
                        .map(event -> new SupportDigestMessage.Event(
                                event.eventId().value(),
                                event.title(),
                                event.startsAt(),
                                event.timeZone(),
                                event.arrangeBy(),
                                event.outstanding().stream()
                                        .map(need -> new SupportDigestMessage.Outstanding(need.need(), need.people()))
                                        .toList()))
                        .toList());
    }
}
