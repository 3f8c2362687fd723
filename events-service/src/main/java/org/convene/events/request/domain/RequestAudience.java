package org.convene.events.request.domain;

import org.convene.events.event.domain.Audience;

/** Who the requester's audience is; a mixed one becomes an event for everyone. */
public enum RequestAudience {
    YOUNG_PEOPLE(Audience.YOUNG_PEOPLE),
    CARERS(Audience.CARERS),
    PROFESSIONALS(Audience.PROFESSIONALS),
    MIXED(Audience.EVERYONE);

    private final Audience audience;

    RequestAudience(Audience audience) {
        this.audience = audience;
    }

    public Audience eventAudience() {
        return audience;
    }
}
