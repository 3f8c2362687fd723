package org.convene.events.request.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.convene.support.text.MultiLineText;

/** A note for the organisation or a reply to the requester: plain text over several lines. */
public record RequestText(
        @NotBlank @Size(max = 2_000) @MultiLineText String text) {}
