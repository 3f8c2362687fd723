package org.convene.events.event.web;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.convene.events.event.domain.AccessibilityFeature;
import org.convene.events.event.domain.Audience;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventFormat;
import org.convene.events.event.domain.EventStatus;
import org.convene.events.event.domain.Invitation;
import org.convene.events.event.domain.Location;
import org.convene.events.event.domain.SupportOffered;
import org.convene.events.event.domain.Translations;
import org.convene.events.event.domain.Visibility;
import org.convene.support.text.RichText;
import org.jspecify.annotations.Nullable;

/**
 * What callers see of an event. Times are given in the event's own zone. The public view never
 * contains the online link nor anything of its invitations; the organiser view, for the event's own
 * organisation, has both.
 */
final class EventViews {

    private EventViews() {}

    record VenueView(
            String name,
            String address,
            @Nullable String postcode,
            List<AccessibilityFeature> accessibility,
            @Nullable String nearestPublicTransport,
            @Nullable String accessibilityNotes) {}

    record PublicEventView(
            String id,
            String organisationId,
            EventStatus status,
            String title,
            @Nullable String summary,
            @Nullable String descriptionHtml,
            EventFormat format,
            Audience audience,
            Set<String> topics,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String timeZone,
            @Nullable OffsetDateTime registrationOpensAt,
            @Nullable OffsetDateTime registrationClosesAt,
            int capacity,
            int maxCompanions,
            int groupLimit,
            @Nullable VenueView venue,
            boolean online,
            SupportOffered support,
            @Nullable String cancellationReason,
            @Nullable String easyReadSummary,
            Translations translations) {}

    record OrganiserEventView(
            String id,
            String organisationId,
            EventStatus status,
            long version,
            String title,
            @Nullable String summary,
            String description,
            @Nullable String descriptionHtml,
            EventFormat format,
            Audience audience,
            Set<String> topics,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String timeZone,
            @Nullable OffsetDateTime registrationOpensAt,
            @Nullable OffsetDateTime registrationClosesAt,
            int capacity,
            int maxCompanions,
            int groupLimit,
            Visibility visibility,
            @Nullable VenueView venue,
            @Nullable String onlineLink,
            SupportOffered support,
            @Nullable String cancellationReason,
            List<InvitationView> invitations,
            @Nullable String easyReadSummary,
            Translations translations) {}

    /**
     * An invitation as its organiser sees it, with its code to build the link again (ADR 13). Only
     * organisers of the event's organisation ever see one: the public view has none.
     */
    record InvitationView(
            String id,
            String partner,
            String code,
            int seatsHeld,
            @Nullable OffsetDateTime releaseAt,
            OffsetDateTime createdAt,
            boolean revoked) {}

    record EventPage(List<PublicEventView> events, @Nullable String next) {}

    static PublicEventView publicView(Event event) {
        var details = event.details();
        var zone = event.schedule().zone();
        return new PublicEventView(
                event.id().value(),
                event.organisationId().value(),
                event.status(),
                details.title(),
                details.summary(),
                RichText.toSafeHtml(details.description()),
                details.format(),
                details.audience(),
                details.topics(),
                local(event.schedule().startsAt(), zone),
                local(event.schedule().endsAt(), zone),
                zone.getId(),
                localOrNone(event.window().opensAt(), zone),
                localOrNone(event.window().closesAt(), zone),
                event.capacity(),
                event.maxCompanions(),
                event.groupLimit(),
                venue(details.location()),
                details.location() instanceof Location.Online,
                details.support(),
                event.cancellationReason(),
                details.easyReadSummary(),
                details.translations());
    }

    static OrganiserEventView organiserView(Event event) {
        var details = event.details();
        var zone = event.schedule().zone();
        return new OrganiserEventView(
                event.id().value(),
                event.organisationId().value(),
                event.status(),
                event.version(),
                details.title(),
                details.summary(),
                details.description(),
                RichText.toSafeHtml(details.description()),
                details.format(),
                details.audience(),
                details.topics(),
                local(event.schedule().startsAt(), zone),
                local(event.schedule().endsAt(), zone),
                zone.getId(),
                localOrNone(event.window().opensAt(), zone),
                localOrNone(event.window().closesAt(), zone),
                event.capacity(),
                event.maxCompanions(),
                event.groupLimit(),
                event.visibility(),
                venue(details.location()),
                details.location() instanceof Location.Online online
                        ? online.link().toString()
                        : null,
                details.support(),
                event.cancellationReason(),
                invitations(event),
                details.easyReadSummary(),
                details.translations());
    }

    /** Every invitation of the event, revoked ones too, oldest first. */
    static List<InvitationView> invitations(Event event) {
        return event.invitations().stream()
                .map(invitation -> invitationView(event, invitation))
                .toList();
    }

    static InvitationView invitationView(Event event, Invitation invitation) {
        var zone = event.schedule().zone();
        return new InvitationView(
                invitation.id().value(),
                invitation.partner(),
                invitation.code(),
                invitation.seatsHeld(),
                localOrNone(invitation.releaseAt(), zone),
                // To the second: the store keeps milliseconds, so a finer time would differ once read back.
                local(invitation.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), zone),
                invitation.revoked());
    }

    private static @Nullable VenueView venue(@Nullable Location location) {
        return location instanceof Location.Venue v
                ? new VenueView(
                        v.name(),
                        v.address(),
                        v.postcode(),
                        v.accessibilityInOrder(),
                        v.nearestPublicTransport(),
                        v.accessibilityNotes())
                : null;
    }

    private static OffsetDateTime local(java.time.Instant instant, ZoneId zone) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    private static @Nullable OffsetDateTime localOrNone(java.time.@Nullable Instant instant, ZoneId zone) {
        return instant == null ? null : local(instant, zone);
    }
}
