package org.convene.registrations.support.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.InvalidRegistration;
import org.convene.registrations.registration.domain.NotFound;
import org.convene.registrations.registration.domain.Organiser;
import org.convene.registrations.registration.domain.Registration;
import org.convene.registrations.registration.domain.RegistrationChange;
import org.convene.registrations.registration.domain.RegistrationEntry;
import org.convene.registrations.registration.domain.RegistrationService;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.registrations.registration.domain.Registrations;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.convene.registrations.support.domain.SupportPlans.Arrangement;
import org.convene.registrations.support.domain.SupportPlans.Plan;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Support needs tracked until arranged (issue 19). The organiser marks each need arranged, with a
 * short note for the people who asked; each of them hears once per change, in plain words, what has
 * been arranged for them, and sees it on their own page. Until then, the need is outstanding, and the
 * organiser sees by when it should be arranged.
 */
public class SupportPlanService {

    /** Without the organiser's own setting: everything arranged a week before the event. */
    public static final int DEFAULT_DAYS_BEFORE = 7;

    private static final int MOST_ATTEMPTS = 20;

    /** One need of the event, with who asked and whether it is arranged. */
    public record NeedToArrange(
            String need,
            String code,
            List<String> who,
            @Nullable String detail,
            boolean arranged,
            @Nullable String note,
            @Nullable Instant arrangedAt) {}

    /** The event's needs, what is outstanding, and by when everything should be arranged (null: start unknown). */
    public record EventSupport(
            String eventId, int daysBefore, @Nullable Instant arrangeBy, int outstanding, List<NeedToArrange> needs) {}

    private final Registrations registrations;
    private final RegistrationService service;
    private final SeatLedgers ledgers;
    private final SupportPlans plans;
    private final Clock clock;

    public SupportPlanService(
            Registrations registrations,
            RegistrationService service,
            SeatLedgers ledgers,
            SupportPlans plans,
            Clock clock) {
        this.registrations = registrations;
        this.service = service;
        this.ledgers = ledgers;
        this.plans = plans;
        this.clock = clock;
    }

    public Mono<EventSupport> plan(Organiser organiser, EventId event) {
        return active(organiser, event)
                .collectList()
                .flatMap(people -> plans.find(event).flatMap(plan -> support(event, plan, people)));
    }

    /**
     * Marks the need arranged (or changes its note); everyone at the event with that need hears it,
     * once per change. The same note again changes nothing and tells nobody.
     */
    public Mono<EventSupport> arrange(Organiser organiser, EventId event, String need, @Nullable String note) {
        var cleanNote = note == null || note.isBlank() ? null : note.strip();
        return active(organiser, event).collectList().flatMap(people -> {
            if (people.stream()
                    .flatMap(p -> Need.of(p).stream())
                    .noneMatch(n -> n.need().equals(need))) {
                return Mono.error(new NotFound("Nobody at this event needs " + need));
            }
            return change(event, 0, plan -> {
                        var current = plan.arrangementFor(need);
                        if (current.isPresent()
                                && java.util.Objects.equals(current.get().note(), cleanNote)) {
                            return null;
                        }
                        var arranged = new ArrayList<>(plan.arranged());
                        arranged.removeIf(a -> a.need().equals(need));
                        arranged.add(new Arrangement(need, cleanNote, clock.instant()));
                        return new Plan(event, plan.daysBefore(), arranged, plan.version());
                    })
                    .flatMap(plan -> plan.changed()
                            ? tell(people, plan.plan(), need).thenReturn(plan.plan())
                            : Mono.just(plan.plan()))
                    .flatMap(plan -> support(event, plan, people));
        });
    }

    /** The need is not arranged after all (a booking fell through): outstanding again, nobody emailed. */
    public Mono<EventSupport> withdraw(Organiser organiser, EventId event, String need) {
        return active(organiser, event)
                .collectList()
                .flatMap(people -> change(event, 0, plan -> {
                            if (plan.arrangementFor(need).isEmpty()) {
                                return null;
                            }
                            var arranged = new ArrayList<>(plan.arranged());
                            arranged.removeIf(a -> a.need().equals(need));
                            return new Plan(event, plan.daysBefore(), arranged, plan.version());
                        })
                        .flatMap(plan -> support(event, plan.plan(), people)));
    }

    /** How many days before the event everything should be arranged (0 to 60). */
    public Mono<EventSupport> deadline(Organiser organiser, EventId event, int daysBefore) {
        if (daysBefore < 0 || daysBefore > 60) {
            return Mono.error(new InvalidRegistration(Map.of("daysBefore", "must be 0 to 60 days")));
        }
        return active(organiser, event)
                .collectList()
                .flatMap(people -> change(
                                event, 0, plan -> new Plan(event, daysBefore, plan.arranged(), plan.version()))
                        .flatMap(plan -> support(event, plan.plan(), people)));
    }

    /** What has been arranged for this registration's needs, in the order asked: for their own page. */
    public Mono<List<RegistrationChange.Arranged>> arrangedFor(Registration registration) {
        return plans.find(registration.eventId()).map(plan -> arrangedFor(registration, plan));
    }

    private static List<RegistrationChange.Arranged> arrangedFor(Registration registration, Plan plan) {
        var arranged = new LinkedHashMap<String, RegistrationChange.Arranged>();
        for (var need : Need.of(registration)) {
            plan.arrangementFor(need.need())
                    .ifPresent(a ->
                            arranged.putIfAbsent(need.need(), new RegistrationChange.Arranged(need.code(), a.note())));
        }
        return List.copyOf(arranged.values());
    }

    /** Outstanding needs of an event, for its gauge: no names, no words. */
    public Mono<Integer> outstanding(EventId event) {
        return registrations
                .forEvent(event, null)
                .map(RegistrationEntry::registration)
                .filter(SupportPlanService::isActive)
                .collectList()
                .flatMap(people -> plans.find(event).map(plan -> outstanding(plan, people)));
    }

    /** A kind of need not arranged yet and how many people need it: for the daily digest, no names, no words. */
    public record NeedCount(String code, int people) {}

    /** What is outstanding at an event by kind, and how many days before it everything should be arranged. */
    public record OutstandingByKind(int daysBefore, List<NeedCount> needs) {}

    /**
     * The event's outstanding needs by kind (codes, {@code OTHER} for what people wrote themselves), each
     * with how many people need it, in the order of the codes with {@code OTHER} last.
     */
    public Mono<OutstandingByKind> outstandingByKind(EventId event) {
        return registrations
                .forEvent(event, null)
                .map(RegistrationEntry::registration)
                .filter(SupportPlanService::isActive)
                .collectList()
                .flatMap(people -> plans.find(event).map(plan -> {
                    var counts = new java.util.TreeMap<String, Integer>(
                            java.util.Comparator.comparing((String code) -> code.equals(Need.OTHER))
                                    .thenComparing(java.util.Comparator.naturalOrder()));
                    people.stream()
                            .flatMap(p -> Need.of(p).stream())
                            .filter(need -> plan.arrangementFor(need.need()).isEmpty())
                            .forEach(need -> counts.merge(need.code(), 1, Integer::sum));
                    return new OutstandingByKind(
                            plan.daysBefore() == null ? DEFAULT_DAYS_BEFORE : plan.daysBefore(),
                            counts.entrySet().stream()
                                    .map(count -> new NeedCount(count.getKey(), count.getValue()))
                                    .toList());
                }));
    }

    private static int outstanding(Plan plan, List<Registration> people) {
        return (int) people.stream()
                .flatMap(p -> Need.of(p).stream())
                .map(Need::need)
                .distinct()
                .filter(need -> plan.arrangementFor(need).isEmpty())
                .count();
    }

    private Flux<Registration> active(Organiser organiser, EventId event) {
        return service.list(organiser, event, null)
                .map(RegistrationEntry::registration)
                .filter(SupportPlanService::isActive);
    }

    private static boolean isActive(Registration registration) {
        return registration.status() == RegistrationStatus.CONFIRMED
                || registration.status() == RegistrationStatus.WAITLISTED;
    }

    private record Changed(Plan plan, boolean changed) {}

    /** A compare-and-set of the plan; {@code change} answers null when nothing is to change. */
    private Mono<Changed> change(EventId event, int attempt, java.util.function.Function<Plan, @Nullable Plan> change) {
        return plans.find(event).flatMap(before -> {
            var after = change.apply(before);
            if (after == null) {
                return Mono.just(new Changed(before, false));
            }
            return plans.save(before, after).flatMap(saved -> {
                if (saved) {
                    return Mono.just(new Changed(
                            new Plan(event, after.daysBefore(), after.arranged(), before.version() + 1), true));
                }
                return attempt + 1 < MOST_ATTEMPTS
                        ? change(event, attempt + 1, change)
                        : Mono.error(new IllegalStateException("The support plan of " + event + " kept changing"));
            });
        });
    }

    /** Each person with the need hears everything arranged for them so far, once for this change. */
    private Mono<Void> tell(List<Registration> people, Plan plan, String need) {
        return Flux.fromIterable(people)
                .filter(person ->
                        Need.of(person).stream().anyMatch(n -> n.need().equals(need)))
                .concatMap(person -> registrations.announce(person.id(), message(person, arrangedFor(person, plan))))
                .then();
    }

    private RegistrationChange message(Registration person, List<RegistrationChange.Arranged> arranged) {
        return new RegistrationChange(
                UUID.randomUUID(),
                RegistrationChange.Type.SUPPORT_ARRANGED,
                clock.instant(),
                person.eventId(),
                person.id(),
                person.version(),
                person.status() == RegistrationStatus.WAITLISTED
                        ? RegistrationChange.Standing.WAITLISTED
                        : RegistrationChange.Standing.CONFIRMED,
                person.attendee().name(),
                person.attendee().email(),
                person.seatsHeld(),
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                arranged,
                person.attendee().language(),
                person.easyReadEmails(),
                null);
    }

    private Mono<EventSupport> support(EventId event, Plan plan, List<Registration> people) {
        return ledgers.find(event)
                // Ledgers written before the start was kept have none: a mapper may not answer null.
                .map(seats -> java.util.Optional.ofNullable(seats.startsAt()))
                .defaultIfEmpty(java.util.Optional.empty())
                .map(startsAt -> {
                    var daysBefore = plan.daysBefore() == null ? DEFAULT_DAYS_BEFORE : plan.daysBefore();
                    var byNeed = new LinkedHashMap<String, List<Need>>();
                    people.stream()
                            .flatMap(p -> Need.of(p).stream())
                            .forEach(n -> byNeed.computeIfAbsent(n.need(), k -> new ArrayList<>())
                                    .add(n));
                    var needs = byNeed.values().stream()
                            .map(all -> {
                                var first = all.getFirst();
                                var arrangement = plan.arrangementFor(first.need());
                                return new NeedToArrange(
                                        first.need(),
                                        first.code(),
                                        all.stream().map(Need::who).distinct().toList(),
                                        first.detail(),
                                        arrangement.isPresent(),
                                        arrangement.map(Arrangement::note).orElse(null),
                                        arrangement.map(Arrangement::arrangedAt).orElse(null));
                            })
                            .toList();
                    return new EventSupport(
                            event.value(),
                            daysBefore,
                            startsAt.map(start -> start.minus(Duration.ofDays(daysBefore)))
                                    .orElse(null),
                            (int) needs.stream().filter(n -> !n.arranged()).count(),
                            needs);
                });
    }
}
