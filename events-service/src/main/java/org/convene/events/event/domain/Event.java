package org.convene.events.event.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.convene.support.text.TextPolicy;
import org.jspecify.annotations.Nullable;

/**
 * An organisation's workshop, training day, keynote or meeting, and the rules of its lifecycle:
 * draft → published → (rescheduled, updated, capacity grown)* → cancelled or completed. Every
 * change bumps the version; changes to a published event are recorded for other services.
 */
public final class Event {

    public static final int MIN_CAPACITY = 1;
    public static final int MAX_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_COMPANIONS = 2;
    public static final int MAX_COMPANIONS_LIMIT = 10;
    /** The young people one worker's group may bring, unless the organiser says otherwise; and the most they may say. */
    public static final int DEFAULT_GROUP_LIMIT = 12;

    public static final int GROUP_LIMIT_LIMIT = 50;

    /** Invitations one event may have, revoked ones included (they stay listed). */
    public static final int MAX_INVITATIONS = 50;

    private final EventId id;
    private final OrganisationId organisationId;
    private final Instant createdAt;
    private EventStatus status;
    private EventDetails details;
    private Schedule schedule;
    private RegistrationWindow window;
    private int capacity;
    private int maxCompanions;
    private int groupLimit;
    private Visibility visibility;
    private @Nullable String cancellationReason;
    private @Nullable Instant publishedAt;
    private long version;
    private Instant updatedAt;
    private final List<Invitation> invitations = new ArrayList<>();
    private final List<EventChange> changes = new ArrayList<>();
    private int changesCount;

    private Event(
            EventId id,
            OrganisationId organisationId,
            Instant createdAt,
            EventStatus status,
            EventDetails details,
            Schedule schedule,
            RegistrationWindow window,
            int capacity,
            int maxCompanions,
            int groupLimit,
            Visibility visibility,
            @Nullable String cancellationReason,
            @Nullable Instant publishedAt,
            long version,
            Instant updatedAt,
            List<Invitation> invitations) {
        this.id = id;
        this.organisationId = organisationId;
        this.createdAt = createdAt;
        this.status = status;
        this.details = details;
        this.schedule = schedule;
        this.window = window == null ? RegistrationWindow.UNSET : window;
        this.capacity = capacity;
        this.maxCompanions = maxCompanions;
        this.groupLimit = groupLimit;
        this.visibility = visibility == null ? Visibility.PUBLIC : visibility;
        this.cancellationReason = cancellationReason;
        this.publishedAt = publishedAt;
        this.version = version;
        this.updatedAt = updatedAt;
        if (invitations != null) {
            this.invitations.addAll(invitations);
        }
    }

    /** A new draft. Drafts are private to the organisation and announce nothing. */
    public static Event draft(
            EventId id,
            OrganisationId organisationId,
            EventDetails details,
            Schedule schedule,
            RegistrationWindow window,
            int capacity,
            int maxCompanions,
            int groupLimit,
            Visibility visibility,
            Instant now) {
        checkShape(schedule, window, capacity, maxCompanions, groupLimit);
        return new Event(
                id,
                organisationId,
                now,
                EventStatus.DRAFT,
                details,
                schedule,
                window,
                capacity,
                maxCompanions,
                groupLimit,
                visibility,
                null,
                null,
                1,
                now,
                List.of());
    }

    /** Rebuilds an event from storage, with no pending changes; its invitations oldest first. */
    public static Event restore(
            EventId id,
            OrganisationId organisationId,
            Instant createdAt,
            EventStatus status,
            EventDetails details,
            Schedule schedule,
            RegistrationWindow window,
            int capacity,
            int maxCompanions,
            int groupLimit,
            Visibility visibility,
            @Nullable String cancellationReason,
            @Nullable Instant publishedAt,
            long version,
            Instant updatedAt,
            List<Invitation> invitations) {
        return new Event(
                id,
                organisationId,
                createdAt,
                status,
                details,
                schedule,
                window,
                capacity,
                maxCompanions,
                groupLimit,
                visibility,
                cancellationReason,
                publishedAt,
                version,
                updatedAt,
                invitations);
    }

    /** A draft can change in every respect; a published event keeps its time (reschedule) and capacity rules. */
    public void edit(
            EventDetails newDetails,
            Schedule newSchedule,
            RegistrationWindow newWindow,
            int newCapacity,
            int newMaxCompanions,
            int newGroupLimit,
            Visibility newVisibility,
            Instant now) {
        var resolvedVisibility = newVisibility == null ? Visibility.PUBLIC : newVisibility;
        switch (status) {
            case DRAFT -> {
                checkShape(newSchedule, newWindow, newCapacity, newMaxCompanions, newGroupLimit);
                checkHeldSeatsFit(newCapacity);
                details = newDetails;
                schedule = newSchedule;
                window = newWindow == null ? RegistrationWindow.UNSET : newWindow;
                capacity = newCapacity;
                maxCompanions = newMaxCompanions;
                groupLimit = newGroupLimit;
                visibility = resolvedVisibility;
                touch(now, null);
            }
            case PUBLISHED -> {
                if (!newSchedule.equals(schedule)) {
                    throw new EventStateConflict(
                            "A published event's time changes by rescheduling it, so everyone registered hears about it.");
                }
                if (newCapacity != capacity) {
                    throw new EventStateConflict("A published event's capacity changes through its capacity endpoint.");
                }
                // An edit without a window keeps the current one rather than reopening registration now.
                var resolvedWindow = newWindow == null || newWindow.equals(RegistrationWindow.UNSET)
                        ? window
                        : resolveWindow(newWindow, schedule, now);
                checkShape(schedule, resolvedWindow, capacity, newMaxCompanions, newGroupLimit);
                if (newDetails.equals(details)
                        && resolvedWindow.equals(window)
                        && newMaxCompanions == maxCompanions
                        && newGroupLimit == groupLimit
                        && resolvedVisibility == visibility) {
                    return;
                }
                details = newDetails;
                window = resolvedWindow;
                maxCompanions = newMaxCompanions;
                groupLimit = newGroupLimit;
                visibility = resolvedVisibility;
                touch(now, EventChangeType.UPDATED);
            }
            default -> throw finalState("edited");
        }
    }

    public void publish(Instant now) {
        if (status != EventStatus.DRAFT) {
            throw new EventStateConflict("Only a draft can be published; this event is " + describe(status) + ".");
        }
        var errors = new LinkedHashMap<String, String>();
        if (!schedule.startsAt().isAfter(now)) {
            errors.put("startsAt", "must be in the future to publish");
        }
        var resolved = resolveWindow(window, schedule, now);
        // Resolved, both ends of the window are set.
        if (!Objects.requireNonNull(resolved.closesAt()).isAfter(now)) {
            errors.put("registrationClosesAt", "must be in the future to publish");
        }
        // A draft made from a booking request for an online session has no link yet (ADR 14).
        if (details.location() == null) {
            errors.put("venue", "give a venue or an online link before publishing");
        }
        if (!errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
        window = resolved;
        status = EventStatus.PUBLISHED;
        publishedAt = now;
        touch(now, EventChangeType.PUBLISHED);
    }

    public void reschedule(Schedule newSchedule, RegistrationWindow newWindow, Instant now) {
        requirePublished("rescheduled");
        if (!newSchedule.startsAt().isAfter(now)) {
            throw new EventRuleViolation(Map.of("startsAt", "must be in the future"));
        }
        var resolved = newWindow == null || newWindow.equals(RegistrationWindow.UNSET)
                ? shiftedWindow(newSchedule, now)
                : resolveWindow(newWindow, newSchedule, now);
        checkShape(newSchedule, resolved, capacity, maxCompanions, groupLimit);
        if (newSchedule.equals(schedule) && resolved.equals(window)) {
            return;
        }
        schedule = newSchedule;
        window = resolved;
        touch(now, EventChangeType.RESCHEDULED);
    }

    /**
     * Capacity of a published event only grows: registrations-service owns the seats already taken,
     * so shrinking could strand confirmed people (ADR 5). A draft's capacity is free.
     */
    public void changeCapacity(int newCapacity, Instant now) {
        checkShape(schedule, window, newCapacity, maxCompanions, groupLimit);
        checkHeldSeatsFit(newCapacity);
        switch (status) {
            case DRAFT -> {
                capacity = newCapacity;
                touch(now, null);
            }
            case PUBLISHED -> {
                if (newCapacity < capacity) {
                    throw new EventStateConflict("A published event's capacity can only grow (now " + capacity
                            + "): people may already hold those seats.");
                }
                if (newCapacity == capacity) {
                    return;
                }
                capacity = newCapacity;
                touch(now, EventChangeType.CAPACITY_CHANGED);
            }
            default -> throw finalState("changed");
        }
    }

    /** Final. A cancelled draft was never announced, so nothing is published for it. */
    public void cancel(String reason, Instant now) {
        switch (status) {
            case DRAFT -> {
                status = EventStatus.CANCELLED;
                cancellationReason = reason;
                touch(now, null);
            }
            case PUBLISHED -> {
                status = EventStatus.CANCELLED;
                cancellationReason = reason;
                touch(now, EventChangeType.CANCELLED);
            }
            default -> throw finalState("cancelled");
        }
    }

    public void complete(Instant now) {
        requirePublished("marked completed");
        if (schedule.endsAt().isAfter(now)) {
            throw new EventStateConflict("An event can be marked completed only after it ends.");
        }
        status = EventStatus.COMPLETED;
        touch(now, EventChangeType.COMPLETED);
    }

    /**
     * A new invitation for a partner, with a fresh id and code (ADR 13). A draft or published event
     * only; the partner's name is one line of plain text; the places held, with every other
     * invitation's that is not revoked, fit in the capacity; a release date is in the future and
     * before the event starts. A published event announces it ({@code EventUpdated}, with the code
     * only as its hash); a draft announces nothing, as for its other changes.
     */
    public Invitation invite(String partner, int seatsHeld, @Nullable Instant releaseAt, Instant now) {
        if (status != EventStatus.DRAFT && status != EventStatus.PUBLISHED) {
            throw new EventStateConflict("This event is " + describe(status) + ": it takes no more invitations.");
        }
        var errors = new LinkedHashMap<String, String>();
        var name = partner == null ? "" : partner.strip();
        if (name.isEmpty() || name.length() > Invitation.MAX_PARTNER_LENGTH) {
            errors.put("partner", "must be 1 to " + Invitation.MAX_PARTNER_LENGTH + " characters");
        } else {
            TextPolicy.singleLine(name).ifPresent(problem -> errors.put("partner", problem));
        }
        var free = capacity - heldSeats();
        if (seatsHeld < 0 || seatsHeld > capacity) {
            errors.put("seatsHeld", "must be between 0 and the capacity (" + capacity + ")");
        } else if (seatsHeld > free) {
            errors.put(
                    "seatsHeld",
                    "must be at most " + free + ": other invitations hold " + heldSeats() + " of the " + capacity
                            + " places");
        }
        if (releaseAt != null) {
            if (!releaseAt.isAfter(now)) {
                errors.put("releaseAt", "must be in the future");
            } else if (!releaseAt.isBefore(schedule.startsAt())) {
                errors.put("releaseAt", "must be before the event starts");
            }
        }
        if (invitations.size() >= MAX_INVITATIONS) {
            errors.put(
                    "invitations", "an event has at most " + MAX_INVITATIONS + " invitations, revoked ones included");
        }
        if (!errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
        var invitationId = InvitationId.newId();
        while (invitation(invitationId).isPresent()) {
            invitationId = InvitationId.newId();
        }
        var invitation = new Invitation(invitationId, name, InvitationCode.generate(), seatsHeld, releaseAt, now, null);
        invitations.add(invitation);
        touchInvitations(now);
        return invitation;
    }

    /**
     * Revokes an invitation: it admits nobody from now on and its places are no longer held. Revoking
     * it again changes nothing. An unknown invitation is {@link InvitationNotFound}.
     */
    public Invitation revokeInvitation(InvitationId invitationId, Instant now) {
        var current = invitation(invitationId).orElseThrow(() -> new InvitationNotFound(id, invitationId));
        if (current.revoked()) {
            return current;
        }
        if (status != EventStatus.DRAFT && status != EventStatus.PUBLISHED) {
            throw finalState("changed");
        }
        var revoked = current.revoke(now);
        invitations.set(invitations.indexOf(current), revoked);
        touchInvitations(now);
        return revoked;
    }

    private void touchInvitations(Instant now) {
        touch(now, status == EventStatus.PUBLISHED ? EventChangeType.UPDATED : null);
    }

    /** The invitation with this id, revoked or not. */
    public Optional<Invitation> invitation(InvitationId invitationId) {
        return invitations.stream()
                .filter(invitation -> invitation.id().equals(invitationId))
                .findFirst();
    }

    /** Every invitation, revoked ones too, oldest first. */
    public List<Invitation> invitations() {
        return List.copyOf(invitations);
    }

    /** Places held for invitations that are not revoked. */
    public int heldSeats() {
        return invitations.stream().mapToInt(Invitation::seatsHolding).sum();
    }

    /**
     * Whether someone with this invitation code (or none) may see the event: anyone may see a public
     * or unlisted one; an invite-only one, only with the code of one of its invitations that is not revoked.
     */
    public boolean admits(String invitationCode) {
        return visibility != Visibility.INVITE_ONLY
                || invitations.stream().anyMatch(invitation -> invitation.admits(invitationCode));
    }

    private void checkHeldSeatsFit(int newCapacity) {
        var held = heldSeats();
        if (newCapacity < held) {
            throw new EventRuleViolation(
                    Map.of("capacity", "must be at least the " + held + " places held for invitations"));
        }
    }

    /** The changes since this object was created or restored, oldest first. */
    public List<EventChange> changes() {
        return List.copyOf(changes);
    }

    /** The version this event had when it was loaded, before the changes in {@link #changes()}. */
    public long loadedVersion() {
        return version - changesCount;
    }

    private void touch(Instant now, @Nullable EventChangeType announcement) {
        version++;
        changesCount++;
        updatedAt = now;
        if (announcement != null) {
            changes.add(new EventChange(announcement, now, version));
        }
    }

    private void requirePublished(String action) {
        if (status != EventStatus.PUBLISHED) {
            throw new EventStateConflict(
                    "Only a published event can be " + action + "; this event is " + describe(status) + ".");
        }
    }

    private EventStateConflict finalState(String action) {
        return new EventStateConflict("This event is " + describe(status) + " and can no longer be " + action + ".");
    }

    private static String describe(EventStatus status) {
        return status.name().toLowerCase();
    }

    /**
     * The current window moved by as much as the start moved, so a window that opens in a week
     * still opens a week before; it never opens in the past of a window that had not opened yet.
     */
    private RegistrationWindow shiftedWindow(Schedule newSchedule, Instant now) {
        var shift = java.time.Duration.between(schedule.startsAt(), newSchedule.startsAt());
        var opens = window.opensAt() == null ? now : window.opensAt().plus(shift);
        if (window.opensAt() != null && window.opensAt().isBefore(now)) {
            opens = window.opensAt();
        }
        var closes = window.closesAt() == null
                ? newSchedule.startsAt()
                : window.closesAt().plus(shift);
        return new RegistrationWindow(opens, closes);
    }

    private static RegistrationWindow resolveWindow(RegistrationWindow window, Schedule schedule, Instant now) {
        var requested = window == null ? RegistrationWindow.UNSET : window;
        return new RegistrationWindow(
                requested.opensAt() == null ? now : requested.opensAt(),
                requested.closesAt() == null ? schedule.startsAt() : requested.closesAt());
    }

    private static void checkShape(
            Schedule schedule, RegistrationWindow window, int capacity, int maxCompanions, int groupLimit) {
        var errors = new LinkedHashMap<String, String>();
        if (!schedule.endsAt().isAfter(schedule.startsAt())) {
            errors.put("endsAt", "must be after the start");
        }
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY) {
            errors.put("capacity", "must be between " + MIN_CAPACITY + " and " + MAX_CAPACITY);
        }
        if (maxCompanions < 0 || maxCompanions > MAX_COMPANIONS_LIMIT) {
            errors.put("maxCompanions", "must be between 0 and " + MAX_COMPANIONS_LIMIT);
        }
        if (groupLimit < 1 || groupLimit > GROUP_LIMIT_LIMIT) {
            errors.put("groupLimit", "must be between 1 and " + GROUP_LIMIT_LIMIT);
        }
        if (window != null) {
            if (window.opensAt() != null
                    && window.closesAt() != null
                    && !window.closesAt().isAfter(window.opensAt())) {
                errors.put("registrationClosesAt", "must be after registration opens");
            }
            if (window.closesAt() != null && window.closesAt().isAfter(schedule.endsAt())) {
                errors.put("registrationClosesAt", "must not be after the event ends");
            }
            if (window.opensAt() != null && !window.opensAt().isBefore(schedule.endsAt())) {
                errors.put("registrationOpensAt", "must be before the event ends");
            }
        }
        if (!errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
    }

    public EventId id() {
        return id;
    }

    public OrganisationId organisationId() {
        return organisationId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public EventStatus status() {
        return status;
    }

    public EventDetails details() {
        return details;
    }

    public Schedule schedule() {
        return schedule;
    }

    public RegistrationWindow window() {
        return window;
    }

    public int capacity() {
        return capacity;
    }

    public int maxCompanions() {
        return maxCompanions;
    }

    public Visibility visibility() {
        return visibility;
    }

    /** The most young people one worker or carer may register as a group. */
    public int groupLimit() {
        return groupLimit;
    }

    public @Nullable String cancellationReason() {
        return cancellationReason;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /**
     * Only events that were once published are public: published, cancelled or completed. A
     * draft cancelled before publication was never announced and stays private.
     */
    public boolean isPublic() {
        return publishedAt != null;
    }

    public @Nullable Instant publishedAt() {
        return publishedAt;
    }
}
