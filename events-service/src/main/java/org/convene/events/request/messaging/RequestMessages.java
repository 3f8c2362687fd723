package org.convene.events.request.messaging;

import java.util.UUID;
import org.convene.contracts.requests.BookingRequestMessage;
import org.convene.contracts.requests.BookingRequestMessageType;
import org.convene.events.request.domain.BookingRequest;
import org.convene.events.request.domain.RequestChange;
import org.convene.events.request.domain.RequestChangeType;

/**
 * A recorded change as notifications reads it: who to write to and what about. The request's dates,
 * audience, needs and message are the organisation's and stay here; an erasure carries ids only.
 */
public final class RequestMessages {

    private RequestMessages() {}

    public static BookingRequestMessage announce(BookingRequest request, RequestChange change) {
        var details = request.details();
        var erased = change.type() == RequestChangeType.ERASED;
        return new BookingRequestMessage(
                UUID.randomUUID(),
                type(change.type()),
                change.at(),
                request.id().value(),
                change.version(),
                request.organisationId().value(),
                BookingRequestMessage.Status.valueOf(request.status().name()),
                BookingRequestMessage.Kind.valueOf(details.kind().name()),
                details.offering() == null ? null : details.offering().name(),
                details.requester().organisation(),
                erased ? null : details.requester().name(),
                erased ? null : details.requester().email(),
                change.replyText(),
                request.eventId() == null ? null : request.eventId().value());
    }

    /** The wire's name for a kind of change: the names on convene.requests.v1 stay as they were published. */
    public static BookingRequestMessageType type(RequestChangeType change) {
        return switch (change) {
            case RECEIVED -> BookingRequestMessageType.BookingRequestReceived;
            case REPLIED -> BookingRequestMessageType.BookingRequestReplied;
            case STATUS_CHANGED -> BookingRequestMessageType.BookingRequestStatusChanged;
            case ERASED -> BookingRequestMessageType.BookingRequestErased;
        };
    }
}
