package org.convene.web.organiser;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.web.api.Events.Event;
import org.convene.web.api.Events.Invitation;
import org.convene.web.page.Form;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Inviting a partner organisation to an event (ADR 13): the form's fields, named by the events API's
 * paths so its field errors land on them, the request they make, and the invitations as the organiser's
 * page lists them, each with the link to send.
 */
final class InvitationForm {

    static final List<String> FIELDS = List.of("partner", "seatsHeld", "releaseAt");

    private InvitationForm() {}

    static Map<String, String> labels(OrganiserWords.In words) {
        return words.labels("organiser.invitations.field.", FIELDS);
    }

    /** An invitation as the page lists it: the link to copy and when its places are held until, in words. */
    record Row(Invitation invitation, String link, String heldUntil) {

        public String id() {
            return invitation.id();
        }

        public String partner() {
            return invitation.partner();
        }

        public boolean active() {
            return !invitation.revoked();
        }
    }

    /** The event's invitations, active ones first, each in the order it was made. */
    static List<Row> rows(Event event, URI publicBaseUrl, OrganiserWords.In words) {
        if (event.invitations() == null) {
            return List.of();
        }
        return event.invitations().stream()
                .sorted(Comparator.comparing(Invitation::revoked)
                        .thenComparing(Invitation::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(invitation -> new Row(
                        invitation,
                        link(publicBaseUrl, event.id(), invitation.code()),
                        invitation.releaseAt() == null
                                ? words.text("organiser.invitations.untilTheEvent")
                                : words.when(invitation.releaseAt(), null, event.timeZone())))
                .toList();
    }

    /** The workshop page's address with the invitation code, as the partner opens it. */
    static String link(URI publicBaseUrl, String eventId, String code) {
        return UriComponentsBuilder.fromUri(publicBaseUrl)
                .path("/workshops/{id}")
                .queryParam("invitation", "{code}")
                .encode()
                .buildAndExpand(eventId, code)
                .toUriString();
    }

    /**
     * The API's request: the partner as typed, the places only when some are given, and the release date
     * typed in the event's own zone as an instant. What cannot be read goes as typed, for the API to name.
     */
    static Map<String, Object> request(Form form, String timeZone) {
        var body = new LinkedHashMap<String, Object>();
        body.put("partner", form.trimmed("partner"));
        var seats = form.trimmed("seatsHeld");
        if (seats != null) {
            body.put("seatsHeld", EventForm.number(seats));
        }
        var release = form.trimmed("releaseAt");
        if (release != null) {
            body.put("releaseAt", instant(release, timeZone));
        }
        return body;
    }

    private static String instant(String local, String timeZone) {
        try {
            var zone = timeZone == null ? ZoneId.of("Europe/London") : ZoneId.of(timeZone);
            return LocalDateTime.parse(local).atZone(zone).toInstant().toString();
        } catch (DateTimeException e) {
            return local;
        }
    }
}
