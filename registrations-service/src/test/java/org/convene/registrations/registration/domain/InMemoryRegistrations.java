package org.convene.registrations.registration.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.registrations.registration.messaging.RegistrationMessages;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The registrations of {@link Registrations} in memory, for unit tests of {@link RegistrationService}, keeping the
 * store's promises: one active registration per person and event, one per idempotency key (both refused with
 * {@link DuplicateRegistration}), and every change of status a compare-and-set on the version that {@link
 * RegistrationStatus} allows. The messages each change writes are kept in {@link #outbox()}, in order. Like the
 * store, nothing is read or written until the answer is subscribed to: the service builds its steps before it
 * runs them.
 */
final class InMemoryRegistrations implements Registrations {

    private final Map<RegistrationId, Registration> byId = new LinkedHashMap<>();
    private final Map<String, RegistrationId> byKey = new HashMap<>();
    private final List<RegistrationMessage> outbox = new ArrayList<>();

    /** Every message written with a change, in the order written. */
    synchronized List<RegistrationMessage> outbox() {
        return List.copyOf(outbox);
    }

    synchronized List<Registration> all() {
        return List.copyOf(byId.values());
    }

    private static String activePerson(EventId event, Attendee attendee) {
        return event.value() + "|" + attendee.personKey();
    }

    private synchronized Registration stored(RegistrationId id) {
        return byId.get(id);
    }

    private synchronized Registration stored(java.util.function.Predicate<Registration> which) {
        return byId.values().stream().filter(which).findFirst().orElse(null);
    }

    private synchronized Registration keyed(String key) {
        var id = byKey.get(key);
        return id == null ? null : byId.get(id);
    }

    private synchronized Registration activeFor(EventId event, Attendee attendee) {
        return byId.values().stream()
                .filter(existing -> existing.status() != RegistrationStatus.CANCELLED)
                .filter(existing ->
                        activePerson(existing.eventId(), existing.attendee()).equals(activePerson(event, attendee)))
                .findFirst()
                .orElse(null);
    }

    @Override
    public Mono<Registration> insert(Registration registration, String idempotencyKey) {
        return Mono.defer(() -> inserted(registration, idempotencyKey));
    }

    private synchronized Mono<Registration> inserted(Registration registration, String idempotencyKey) {
        var key = registration.eventId().value() + "|" + idempotencyKey;
        if (byKey.containsKey(key)) {
            return Mono.error(new DuplicateRegistration(true));
        }
        if (activeFor(registration.eventId(), registration.attendee()) != null) {
            return Mono.error(new DuplicateRegistration(false));
        }
        byId.put(registration.id(), registration);
        byKey.put(key, registration.id());
        return Mono.just(registration);
    }

    @Override
    public Mono<Registration> findById(RegistrationId id) {
        return Mono.fromSupplier(() -> stored(id));
    }

    @Override
    public Mono<Registration> findByManageTokenHash(String hash) {
        return Mono.fromSupplier(() -> stored(registration -> hash.equals(registration.manageTokenHash())));
    }

    @Override
    public Mono<Registration> findByIdempotencyKey(EventId event, String idempotencyKey) {
        return Mono.fromSupplier(() -> keyed(event.value() + "|" + idempotencyKey));
    }

    @Override
    public Mono<Registration> findActive(EventId event, Attendee attendee) {
        return Mono.fromSupplier(() -> activeFor(event, attendee));
    }

    @Override
    public Mono<Boolean> transition(Registration current, RegistrationStatus to, List<RegistrationChange> messages) {
        return transition(current, to, null, messages);
    }

    @Override
    public Mono<Boolean> transition(
            Registration current, RegistrationStatus to, Group group, List<RegistrationChange> messages) {
        return Mono.fromSupplier(() -> moved(current, to, group, messages));
    }

    private synchronized boolean moved(
            Registration current, RegistrationStatus to, Group group, List<RegistrationChange> messages) {
        var stored = byId.get(current.id());
        if (!current.status().canBecome(to) || stored == null || stored.version() != current.version()) {
            return false;
        }
        var moved = stored.withStatus(to);
        byId.put(current.id(), group == null ? moved : moved.withGroup(group));
        messages.forEach(message -> outbox.add(RegistrationMessages.of(message)));
        return true;
    }

    @Override
    public Flux<Registration> stale(RegistrationStatus status, Instant before) {
        return Flux.empty();
    }

    @Override
    public Flux<RegistrationEntry> forEvent(EventId event, RegistrationStatus status) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Mono<Boolean> markAttendance(RegistrationId id, Attendance attendance, List<RegistrationChange> messages) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Mono<Boolean> markMemberAttendance(RegistrationId id, String memberId, Attendance attendance) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Mono<Boolean> changeSupportNeeds(RegistrationId id, SupportNeeds needs) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Mono<Boolean> changeReading(Registration current, Attendee changed, RegistrationChange message) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Mono<Boolean> changeGroup(Registration current, Group group, List<RegistrationChange> messages) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Mono<Void> erase(RegistrationId id) {
        throw new UnsupportedOperationException("not needed by these tests");
    }

    @Override
    public Flux<Registration> active(EventId event) {
        return Flux.defer(() -> Flux.fromIterable(all().stream()
                .filter(registration -> registration.eventId().equals(event))
                .filter(registration -> registration.status() != RegistrationStatus.CANCELLED)
                .toList()));
    }

    @Override
    public Flux<Registration> cancelledStillHoldingSeats(Instant before) {
        return Flux.empty();
    }

    @Override
    public Mono<Void> markSeatsFreed(RegistrationId id) {
        return Mono.empty();
    }

    @Override
    public Mono<Boolean> announce(RegistrationId id, RegistrationChange message) {
        throw new UnsupportedOperationException("not needed by these tests");
    }
}
