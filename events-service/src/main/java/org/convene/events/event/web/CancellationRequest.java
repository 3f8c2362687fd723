package org.convene.events.event.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.convene.support.text.MultiLineText;

/** The reason is sent to everyone registered, so it is required and kept short. */
public record CancellationRequest(
        @NotBlank @Size(max = 1_000) @MultiLineText String reason) {}
