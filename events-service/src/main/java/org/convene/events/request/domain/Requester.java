package org.convene.events.request.domain;

import org.jspecify.annotations.Nullable;

/** Who asks: their organisation and the person to write to. Personal data, erased with the request's. */
public record Requester(
        String organisation,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone) {}
