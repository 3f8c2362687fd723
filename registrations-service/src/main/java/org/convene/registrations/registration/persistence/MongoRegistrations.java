package org.convene.registrations.registration.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.registrations.registration.domain.Attendance;
import org.convene.registrations.registration.domain.Attendee;
import org.convene.registrations.registration.domain.CompanionKind;
import org.convene.registrations.registration.domain.Consents;
import org.convene.registrations.registration.domain.DuplicateRegistration;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.Group;
import org.convene.registrations.registration.domain.GroupMember;
import org.convene.registrations.registration.domain.Registration;
import org.convene.registrations.registration.domain.RegistrationChange;
import org.convene.registrations.registration.domain.RegistrationEntry;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.registrations.registration.domain.Registrations;
import org.convene.registrations.registration.domain.SupportNeeds;
import org.convene.registrations.registration.messaging.RegistrationMessages;
import org.convene.support.outbox.OutboxTrace;
import org.convene.support.outbox.OutboxWakeUps;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MongoRegistrations implements Registrations {

    private static final Logger log = LoggerFactory.getLogger(MongoRegistrations.class);

    /**
     * A registration as stored, with its outbox (ADR 2). {@code activePerson} is unique while the
     * registration is active, so one person cannot hold two registrations for an event even when
     * both requests arrive at once; cancelling frees it.
     */
    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    @CompoundIndex(name = "version_check", def = "{'_id': 1, 'version': 1}", unique = true)
    record RegistrationDocument(
            @Id String id,
            @Indexed String eventId,
            Attendee attendee,
            List<CompanionKind> companions,
            SupportNeeds supportNeeds,
            Consents consents,
            @Nullable Group group,
            @Nullable String invitation,
            String status,
            int seats,
            Instant queuedAt,
            @Indexed(unique = true) String manageTokenHash,
            @Indexed(unique = true) String activePerson,
            @Indexed(unique = true) String idempotencyKey,
            long version,
            Instant createdAt,
            @Nullable String attendance,
            java.util.@Nullable Map<String, String> memberAttendance,
            @Nullable Instant erasedAt,
            List<RegistrationMessage> outbox) {}

    static final String COLLECTION = "registrations";

    private final ReactiveMongoTemplate mongo;
    private final OutboxWakeUps outbox;

    MongoRegistrations(ReactiveMongoTemplate mongo, OutboxWakeUps outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    @Override
    public Mono<Registration> insert(Registration registration, String idempotencyKey) {
        var document = new RegistrationDocument(
                registration.id().value(),
                registration.eventId().value(),
                registration.attendee(),
                registration.companions(),
                registration.supportNeeds(),
                registration.consents(),
                registration.group(),
                registration.invitation(),
                registration.status().name(),
                registration.seats(),
                registration.queuedAt(),
                registration.manageTokenHash(),
                registration.eventId().value() + "|" + registration.attendee().personKey(),
                registration.eventId().value() + "|" + idempotencyKey,
                registration.version(),
                registration.createdAt(),
                null,
                null,
                null,
                List.of());
        return mongo.insert(document)
                .thenReturn(registration)
                .onErrorMap(
                        DuplicateKeyException.class,
                        duplicate -> new DuplicateRegistration(
                                String.valueOf(duplicate.getMessage()).contains("idempotencyKey")));
    }

    @Override
    public Mono<Registration> findById(RegistrationId id) {
        return mongo.findById(id.value(), RegistrationDocument.class).map(MongoRegistrations::toRegistration);
    }

    @Override
    public Mono<Registration> findByManageTokenHash(String hash) {
        return mongo.findOne(query(where("manageTokenHash").is(hash)), RegistrationDocument.class)
                .map(MongoRegistrations::toRegistration);
    }

    @Override
    public Mono<Registration> findByIdempotencyKey(EventId event, String idempotencyKey) {
        return mongo.findOne(
                        query(where("idempotencyKey").is(event.value() + "|" + idempotencyKey)),
                        RegistrationDocument.class)
                .map(MongoRegistrations::toRegistration);
    }

    @Override
    public Mono<Registration> findActive(EventId event, Attendee attendee) {
        return mongo.findOne(
                        query(where("activePerson").is(event.value() + "|" + attendee.personKey())),
                        RegistrationDocument.class)
                .map(MongoRegistrations::toRegistration);
    }

    @Override
    public Mono<Boolean> transition(Registration current, RegistrationStatus to, List<RegistrationChange> messages) {
        return transition(current, to, null, messages);
    }

    @Override
    public Mono<Boolean> transition(
            Registration current, RegistrationStatus to, @Nullable Group group, List<RegistrationChange> messages) {
        if (!current.status().canBecome(to)) {
            // Refused like a compare-and-set that lost: the caller reads the registration as it is now.
            log.warn("Registration {} is {} and may not become {}", current.id().value(), current.status(), to);
            return Mono.just(false);
        }
        // Every change of status moves the version on, so the version alone says "unchanged"; _id and
        // version are exactly the fields of the index version_check, which the embedded store then uses
        // instead of scanning every registration (ADR 1).
        var unchanged = where("_id").is(current.id().value()).and("version").is(current.version());
        var update = new Update().set("status", to.name()).set("version", current.version() + 1);
        if (group != null) {
            update.set("group", group);
        }
        if (to == RegistrationStatus.CANCELLED) {
            update.set("activePerson", "released|" + current.id().value()).set("seatsFreed", false);
        }
        if (!messages.isEmpty()) {
            update.push("outbox").each(wire(messages));
            OutboxTrace.keep(update);
        }
        return mongo.updateFirst(query(unchanged), update, RegistrationDocument.class)
                .map(result -> result.getModifiedCount() == 1)
                .doOnNext(moved -> wakeRelayIf(moved && !messages.isEmpty(), current.id()));
    }

    @Override
    public Mono<Boolean> announce(RegistrationId id, RegistrationChange message) {
        var update = new Update().push("outbox", RegistrationMessages.of(message));
        OutboxTrace.keep(update);
        return mongo.updateFirst(query(where("_id").is(id.value())), update, RegistrationDocument.class)
                .map(result -> result.getModifiedCount() == 1)
                .doOnNext(written -> wakeRelayIf(written, id));
    }

    /** The changes as the wire carries them, which the relay publishes as written. */
    private static Object[] wire(List<RegistrationChange> changes) {
        return changes.stream().map(RegistrationMessages::of).toArray();
    }

    private void wakeRelayIf(boolean messagesAdded, RegistrationId id) {
        if (messagesAdded) {
            outbox.written(COLLECTION, id.value());
        }
    }

    @Override
    public Flux<Registration> stale(RegistrationStatus status, Instant before) {
        return mongo.find(
                        query(where("status").is(status.name()).and("createdAt").lt(before))
                                .limit(500),
                        RegistrationDocument.class)
                .map(MongoRegistrations::toRegistration);
    }

    @Override
    public Flux<RegistrationEntry> forEvent(EventId event, @Nullable RegistrationStatus status) {
        var criteria = where("eventId").is(event.value());
        if (status != null) {
            criteria.and("status").is(status.name());
        }
        return mongo.find(query(criteria).with(Sort.by("queuedAt", "_id")), RegistrationDocument.class)
                .map(document -> new RegistrationEntry(
                        toRegistration(document),
                        document.attendance() == null ? null : Attendance.valueOf(document.attendance()),
                        document.memberAttendance() == null
                                ? java.util.Map.of()
                                : document.memberAttendance().entrySet().stream()
                                        .collect(java.util.stream.Collectors.toMap(
                                                java.util.Map.Entry::getKey,
                                                entry -> Attendance.valueOf(entry.getValue())))));
    }

    @Override
    public Mono<Boolean> markAttendance(RegistrationId id, Attendance attendance, List<RegistrationChange> messages) {
        var update = new Update().set("attendance", attendance.name());
        if (!messages.isEmpty()) {
            update.push("outbox").each(wire(messages));
            OutboxTrace.keep(update);
        }
        return mongo.updateFirst(
                        query(where("_id")
                                .is(id.value())
                                .and("status")
                                .is(RegistrationStatus.CONFIRMED.name())
                                .and("attendance")
                                .ne(attendance.name())),
                        update,
                        RegistrationDocument.class)
                .doOnNext(result -> wakeRelayIf(result.getModifiedCount() == 1 && !messages.isEmpty(), id))
                .flatMap(result -> result.getModifiedCount() == 1
                        ? Mono.just(true)
                        : findById(id).map(found -> found.status() == RegistrationStatus.CONFIRMED));
    }

    /** Member ids are letters and digits only ({@link GroupMember#newId}), so one is safe as a field name. */
    @Override
    public Mono<Boolean> markMemberAttendance(RegistrationId id, String memberId, Attendance attendance) {
        if (!memberId.matches("[a-z0-9]{1,20}")) {
            return Mono.just(false);
        }
        return mongo.updateFirst(
                        query(where("_id").is(id.value()).and("status").is(RegistrationStatus.CONFIRMED.name())),
                        new Update().set("memberAttendance." + memberId, attendance.name()),
                        RegistrationDocument.class)
                .map(result -> result.getMatchedCount() == 1);
    }

    @Override
    public Mono<Boolean> changeSupportNeeds(RegistrationId id, SupportNeeds needs) {
        return mongo.updateFirst(
                        query(where("_id").is(id.value()).and("status").ne(RegistrationStatus.CANCELLED.name())),
                        new Update().set("supportNeeds", needs),
                        RegistrationDocument.class)
                .map(result -> result.getMatchedCount() == 1);
    }

    @Override
    public Mono<Boolean> changeReading(Registration current, Attendee changed, RegistrationChange message) {
        var update = new Update()
                .set("attendee.language", changed.language())
                .set("attendee.easyRead", changed.easyRead())
                .set("version", current.version() + 1)
                .push("outbox", RegistrationMessages.of(message));
        OutboxTrace.keep(update);
        return mongo.updateFirst(
                        query(where("_id")
                                .is(current.id().value())
                                .and("version")
                                .is(current.version())
                                .and("status")
                                .ne(RegistrationStatus.CANCELLED.name())),
                        update,
                        RegistrationDocument.class)
                .map(result -> result.getModifiedCount() == 1)
                .doOnNext(written -> wakeRelayIf(written, current.id()));
    }

    @Override
    public Mono<Boolean> changeGroup(Registration current, Group group, List<RegistrationChange> messages) {
        var changed = current.withGroup(group);
        var update =
                new Update().set("group", group).set("seats", changed.seats()).set("version", current.version() + 1);
        if (!messages.isEmpty()) {
            update.push("outbox").each(wire(messages));
            OutboxTrace.keep(update);
        }
        return mongo.updateFirst(
                        query(where("_id")
                                .is(current.id().value())
                                .and("version")
                                .is(current.version())),
                        update,
                        RegistrationDocument.class)
                .map(result -> result.getModifiedCount() == 1)
                .doOnNext(written -> wakeRelayIf(written && !messages.isEmpty(), current.id()));
    }

    /**
     * What is left is enough to count seats and companions; nothing says who the person was. The same
     * write tells the other services (RegistrationErased, ids only), so they forget the person too.
     */
    @Override
    public Mono<Void> erase(RegistrationId id) {
        return mongo.findById(id.value(), RegistrationDocument.class).flatMap(found -> {
            var erasedAt = Instant.now();
            var erased = new Update()
                    .set("attendee", new Attendee("(erased)", "erased@invalid", null, null, null, null))
                    .set("supportNeeds", SupportNeeds.NONE)
                    .set("consents", new Consents(false, false))
                    .set("group", erased(found.group()))
                    .set("activePerson", "erased|" + id.value())
                    .set("erasedAt", erasedAt)
                    .push("outbox")
                    .each(new RegistrationMessage(
                            java.util.UUID.randomUUID(),
                            RegistrationMessageType.RegistrationErased,
                            erasedAt,
                            found.eventId(),
                            found.id(),
                            found.version(),
                            RegistrationMessage.Status.CANCELLED,
                            null,
                            null,
                            found.seats(),
                            List.of(),
                            null,
                            null,
                            List.of(),
                            List.of(),
                            java.util.List.of()));
            OutboxTrace.keep(erased);
            return mongo.updateFirst(query(where("_id").is(id.value())), erased, RegistrationDocument.class)
                    .doOnNext(result -> wakeRelayIf(result.getModifiedCount() == 1, id))
                    .then();
        });
    }

    /** The group's seats stay countable; nothing says who anyone in it was. */
    private static @Nullable Group erased(@Nullable Group group) {
        if (group == null) {
            return null;
        }
        return new Group(null, group.members().stream().map(GroupMember::erased).toList(), group.waiting());
    }

    @Override
    public Flux<Registration> active(EventId event) {
        return mongo.find(
                        query(where("eventId").is(event.value()).and("status").ne(RegistrationStatus.CANCELLED.name())),
                        RegistrationDocument.class)
                .map(MongoRegistrations::toRegistration);
    }

    @Override
    public Flux<Registration> cancelledStillHoldingSeats(Instant before) {
        return mongo.find(
                        query(where("status")
                                        .is(RegistrationStatus.CANCELLED.name())
                                        .and("seatsFreed")
                                        .is(false)
                                        .and("createdAt")
                                        .lt(before))
                                .limit(500),
                        RegistrationDocument.class)
                .map(MongoRegistrations::toRegistration);
    }

    @Override
    public Mono<Void> markSeatsFreed(RegistrationId id) {
        return mongo.updateFirst(
                        query(where("_id").is(id.value())),
                        new Update().set("seatsFreed", true),
                        RegistrationDocument.class)
                .then();
    }

    private static Registration toRegistration(RegistrationDocument document) {
        return new Registration(
                new RegistrationId(document.id()),
                new EventId(document.eventId()),
                document.attendee(),
                document.companions(),
                document.supportNeeds() == null ? SupportNeeds.NONE : document.supportNeeds(),
                document.consents(),
                document.group(),
                document.invitation(),
                RegistrationStatus.valueOf(document.status()),
                document.queuedAt(),
                document.manageTokenHash(),
                document.version(),
                document.createdAt());
    }
}
