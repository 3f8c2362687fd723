package org.convene.notifications.delivery.messaging;

import java.time.Clock;
import org.convene.contracts.Topics;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.notifications.delivery.domain.ManagePageLinks;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.mail.EasyRead;
import org.convene.notifications.registrant.domain.Registrant;
import org.convene.notifications.registrant.domain.RegistrantStatus;
import org.convene.notifications.registrant.domain.Registrants;
import org.convene.notifications.registrant.domain.RegistrationId;
import org.convene.support.messaging.InOrder;
import org.convene.support.outbox.OutboxTrace;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns what happened to a registration into the email the person should get, and a request for
 * support into an alert for the organisation, once per message; keeps who is registered for news
 * about the event.
 */
@Component
class RegistrationsListener {

    private final Deliveries deliveries;
    private final Registrants registrants;
    private final Clock clock;
    private final ManagePageLinks manageLinks;

    RegistrationsListener(Deliveries deliveries, Registrants registrants, Clock clock, ManagePageLinks manageLinks) {
        this.deliveries = deliveries;
        this.registrants = registrants;
        this.clock = clock;
        this.manageLinks = manageLinks;
    }

    @KafkaListener(
            topics = Topics.REGISTRATIONS,
            id = "notifications-registrations",
            // The group is the service's (spring.kafka.consumer.group-id), shared by its instances.
            idIsGroup = false,
            properties = "spring.json.value.default.type=org.convene.contracts.registrations.RegistrationMessage")
    void on(RegistrationMessage message) {
        InOrder.handle(handle(message));
    }

    private Mono<Void> handle(RegistrationMessage message) {
        // Read here, on the listener's thread, where the trace the message carries is current.
        var traceparent = OutboxTrace.current();
        var keepTrack = message.attendeeEmail() == null ? Mono.<Void>empty() : keep(message);
        // The registrant and the email are separate documents: written side by side, the message costs
        // the store's latency once, not twice (the email is what the person waits for).
        return switch (message.type()) {
            case RegistrationConfirmed -> Mono.when(keepTrack, toAttendee(message, "confirmation", traceparent));
            case RegistrationWaitlisted -> Mono.when(keepTrack, toAttendee(message, "waitlisted", traceparent));
            case RegistrationPromoted -> Mono.when(keepTrack, toAttendee(message, "promoted", traceparent));
            case RegistrationCancelled -> Mono.when(keepTrack, toAttendee(message, "cancelled", traceparent));
            case SupportNeedsRequested -> Mono.when(keepTrack, toOrganisation(message, traceparent));
            case AttendeeCheckedIn -> keepTrack;
            // Only kept for the emails to come (reminders, a new time); nobody is written to about it.
            case ReadingPreferencesChanged -> keepTrack;
            // The person taken off is told (if they asked for their own emails), after their name and
            // address are gone from every other record of the registration.
            case GroupMemberRemoved ->
                Mono.when(
                        keepTrack,
                        forgetMember(message)
                                .then(Mono.defer(() -> toGroupMembers(message, "cancelled", traceparent))));
            case GroupMemberErased -> Mono.when(keepTrack, forgetMember(message));
            // To the person who registered (a worker for their group): they manage the booking.
            case SupportArranged -> Mono.when(keepTrack, toRegistrant(message, "support-arranged", traceparent));
            // In this order: what the person's registration left is forgotten after it was last kept.
            case RegistrationErased ->
                keepTrack.then(Mono.defer(() -> deliveries
                        .forgetPerson(message.registrationId())
                        .then(registrants.forget(new RegistrationId(message.registrationId())))));
        };
    }

    /** Who is registered, kept for the news about the event still to come (a new time, a reminder). */
    private Mono<Void> keep(RegistrationMessage message) {
        var registrant = Registrant.as(
                new RegistrationId(message.registrationId()),
                new EventId(message.eventId()),
                RegistrantStatus.valueOf(message.status().name()),
                message.attendeeEmail(),
                message.attendeeName(),
                message.occurredAt(),
                message.aggregateVersion(),
                message.languageOrDefault(),
                EasyRead.wanted(message));
        var justDecided = switch (message.type()) {
            case RegistrationConfirmed, RegistrationWaitlisted -> true;
            default -> false;
        };
        return registrants.keep(registrant, justDecided);
    }

    /** The one young person the message is about, out of every delivery of the registration. */
    private Mono<Void> forgetMember(RegistrationMessage message) {
        if (message.groupMembers() == null) {
            return Mono.empty();
        }
        return reactor.core.publisher.Flux.fromIterable(message.groupMembers())
                .concatMap(member -> deliveries.forgetGroupMember(
                        message.messageId().toString(), message.registrationId(), member.name(), member.email()))
                .then();
    }

    private Mono<Void> toAttendee(RegistrationMessage message, String kind, @Nullable String traceparent) {
        // Erased registrations are announced with a placeholder address: nobody to write to.
        if (message.attendeeEmail() == null || message.attendeeEmail().endsWith("@invalid")) {
            return Mono.empty();
        }
        return Mono.when(toRegistrant(message, kind, traceparent), toGroupMembers(message, kind, traceparent));
    }

    /**
     * The young people of a worker's group whom the worker asked to be told too: the same news, to them by
     * name, about their own seat, without the private link (the worker manages the booking).
     */
    private Mono<Void> toGroupMembers(RegistrationMessage message, String kind, @Nullable String traceparent) {
        if (message.groupMembers() == null) {
            return Mono.empty();
        }
        var own = new java.util.ArrayList<Delivery>();
        for (int i = 0; i < message.groupMembers().size(); i++) {
            var member = message.groupMembers().get(i);
            if (member.email() == null || member.email().isBlank()) {
                continue;
            }
            own.add(Delivery.toGroupMember(
                            message.messageId() + ":member-" + i,
                            kind,
                            member.email(),
                            member.name(),
                            message.eventId(),
                            new Delivery.Registration(
                                    message.registrationId(),
                                    1,
                                    java.util.List.of(),
                                    message.waitlistPosition(),
                                    java.util.List.of(),
                                    java.util.List.of()),
                            clock.instant(),
                            traceparent)
                    // In the language the worker chose for the group's emails.
                    .inReading(message.languageOrDefault(), EasyRead.wanted(message)));
        }
        return reactor.core.publisher.Flux.fromIterable(own)
                .concatMap(deliveries::enqueue)
                .then();
    }

    private Mono<Void> toRegistrant(RegistrationMessage message, String kind, @Nullable String traceparent) {
        return deliveries.enqueue(Delivery.toRegistrant(
                        // The message is for one person: its id and the role name the delivery, never the address
                        // (the id becomes the email's Message-ID, which every mail server on the way keeps).
                        message.messageId() + ":attendee",
                        kind,
                        message.attendeeEmail(),
                        message.attendeeName(),
                        message.eventId(),
                        registration(message),
                        manageLinks.forTokenIfAny(message.manageToken()),
                        clock.instant(),
                        traceparent)
                .inReading(message.languageOrDefault(), EasyRead.wanted(message))
                // The code to show at the door, only in the email that gives the place.
                .withCheckInCode(
                        kind.equals("confirmation") || kind.equals("promoted") ? message.checkInCode() : null));
    }

    /** A summary for the organisation's contact address: categories and counts, never the person's words. */
    private Mono<Void> toOrganisation(RegistrationMessage message, @Nullable String traceparent) {
        return deliveries.enqueue(Delivery.supportAlert(
                message.messageId() + ":organisation",
                message.eventId(),
                registration(message),
                clock.instant(),
                traceparent));
    }

    private static Delivery.Registration registration(RegistrationMessage message) {
        return new Delivery.Registration(
                message.registrationId(),
                message.seats(),
                message.companions(),
                message.waitlistPosition(),
                message.supportRequested(),
                message.groupMembers() == null
                        ? java.util.List.of()
                        : message.groupMembers().stream()
                                .filter(member -> !member.stillWaiting())
                                .map(RegistrationMessage.GroupMember::name)
                                .toList(),
                message.groupMembers() == null
                        ? java.util.List.of()
                        : message.groupMembers().stream()
                                .filter(RegistrationMessage.GroupMember::stillWaiting)
                                .map(RegistrationMessage.GroupMember::name)
                                .toList(),
                message.arranged() == null
                        ? java.util.List.of()
                        : message.arranged().stream()
                                .map(arranged -> new Delivery.Arranged(arranged.need(), arranged.note()))
                                .toList());
    }
}
