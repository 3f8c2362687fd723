package org.convene.registrations.registration.domain;

import java.util.List;

/**
 * The young people a worker or carer brings, registered in one go as one party (ADR 6): confirmed
 * whole or waiting whole, never split by the system. {@code organisation} is who they come with
 * (a council, a charity), as the worker gave it.
 */
public record Group(String organisation, List<GroupMember> members) {

    /** Without an event's own setting, the most young people one group may bring. */
    public static final int DEFAULT_LIMIT = 12;

    public Group {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
