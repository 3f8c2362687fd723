package org.convene.events.event.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

public record CapacityRequest(@NotNull @Min(1) @Max(10_000) Integer capacity) {}
