package org.convene.registrations.registration.domain;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The young people a worker or carer brings, registered in one go as one party (ADR 6): confirmed
 * whole or waiting whole, never split by the system. {@code organisation} is who they come with
 * (a council, a charity), as the worker gave it.
 *
 * <p>Only an organiser may split a waiting group, by accepting some of its young people by hand:
 * {@code waiting} then names those still waiting, who keep the group's place in the queue and are
 * served together when places free up; empty otherwise.
 */
public record Group(@Nullable String organisation, List<GroupMember> members, List<String> waiting) {

    /** Without an event's own setting, the most young people one group may bring. */
    public static final int DEFAULT_LIMIT = 12;

    public Group {
        members = members == null ? List.of() : List.copyOf(members);
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
    }

    public Group(@Nullable String organisation, List<GroupMember> members) {
        this(organisation, members, List.of());
    }

    /** The same group with these young people; those still waiting stay waiting if they are still in it. */
    public Group withMembers(List<GroupMember> newMembers) {
        var ids = newMembers.stream().map(GroupMember::id).collect(java.util.stream.Collectors.toSet());
        return new Group(
                organisation, newMembers, waiting.stream().filter(ids::contains).toList());
    }

    /** The same group with these young people still waiting, the others accepted. */
    public Group withWaiting(Set<String> stillWaiting) {
        return new Group(
                organisation,
                members,
                members.stream()
                        .map(GroupMember::id)
                        .filter(stillWaiting::contains)
                        .toList());
    }

    public boolean isWaiting(GroupMember member) {
        return waiting.contains(member.id());
    }
}
