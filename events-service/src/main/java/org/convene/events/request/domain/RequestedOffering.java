package org.convene.events.request.domain;

import org.convene.events.organisation.domain.OfferingKind;

/**
 * The organisation's offering a request of kind {@code OFFERING} asks for, as it was when the request
 * came: its name and kind are kept here, so renaming or removing the offering later does not change
 * what was asked for.
 */
public record RequestedOffering(String id, String name, OfferingKind kind) {

    /** The request kind it stands for when the draft event is made (its format, a keynote's length). */
    public RequestKind asKind() {
        return RequestKind.valueOf(kind.name());
    }
}
