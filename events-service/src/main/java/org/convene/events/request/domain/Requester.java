package org.convene.events.request.domain;

/** Who asks: their organisation and the person to write to. Personal data, erased with the request's. */
public record Requester(String organisation, String name, String email, String phone) {}
