package org.convene.web.workshops;

import java.net.URI;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An organisation's calendar feed (events-service, through the gateway), as the pages offer it: the path the
 * link goes to on the site the page came from, and the https address through the public base URL that people
 * paste into their calendar app. Not {@code webcal://}, which not every calendar app or browser opens.
 */
record CalendarFeed(String path, String url) {

    static CalendarFeed of(URI publicBaseUrl, String organisationId) {
        var path = UriComponentsBuilder.fromPath("/api/organisations/{id}/events.ics")
                .buildAndExpand(organisationId)
                .encode()
                .toUriString();
        var url = UriComponentsBuilder.fromUri(publicBaseUrl)
                .replacePath(path)
                .build(true)
                .toUriString();
        return new CalendarFeed(path, url);
    }
}
