package org.convene.events.event.web;

import java.util.Map;
import org.convene.events.event.domain.EventRuleViolation;
import org.jspecify.annotations.Nullable;

/** Reads the version a client names in {@code If-Match}: our ETags are the version in quotes, such as {@code "3"}. */
public final class IfMatch {

    private IfMatch() {}

    /** The version named, or null when the header is absent or {@code *} ("whatever version is current"). */
    public static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        var tag = ifMatch.strip();
        if (tag.equals("*")) {
            return null;
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new EventRuleViolation(Map.of("If-Match", "must be an ETag this API gave out, such as \"3\""));
        }
    }
}
