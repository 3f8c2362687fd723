package org.convene.web.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An organisation's offerings as events-service answers them (ADR 14): public to read, kept by its organisers. */
public final class Offerings {

    private Offerings() {}

    /** One offering: a short id the API gave out, a name, an optional description and a kind. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Offering(String id, String name, String description, String kind) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Listed(List<Offering> offerings) {}

    /** The list with the organisation's {@code ETag} it was read with, to send back as {@code If-Match}. */
    public record Tagged(List<Offering> offerings, @Nullable String etag) {}
}
