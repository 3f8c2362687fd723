package org.convene.registrations.support.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.convene.registrations.support.domain.SupportDigestStore.UpcomingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The daily digest of support still to arrange (issue 19): once a day, from a set hour, each organisation
 * with something outstanding at events whose deadline has come or is near hears what, on
 * {@code convene.support.v1}, for notifications-service to email its contact address.
 *
 * <p>An event is in the digest when it has not started, its deadline ({@code arrangeBy}: the start less the
 * organiser's days before) is no later than {@code lookAhead} from now (so a week's warning before the
 * deadline by default, and every day after it until the event), and something of it is outstanding.
 *
 * <p>Once per organisation and day, across instances and rounds: the day is claimed by inserting one
 * document named by the organisation and the day, with the message in its outbox, so a second claim (a
 * later round, another instance) fails on its key and sends nothing. Days are counted in {@code zone}.
 * Only codes and counts are sent: no names, nobody's own words.
 */
public class SupportDigests {

    private static final Logger log = LoggerFactory.getLogger(SupportDigests.class);

    /** The longest deadline an organiser may set (days before the event), so the furthest event to look at. */
    private static final Duration LONGEST_DEADLINE = Duration.ofDays(60);

    /** How long claims of past days are kept. */
    private static final int KEEP_DAYS = 30;

    /** A round that takes longer has hung somewhere (invariant 7, docs/invariants.md): it is ended, and the next one tries again. */
    private static final Duration ROUND_DEADLINE = Duration.ofMinutes(5);

    private final SupportDigestStore store;
    private final SupportPlanService plans;
    private final Clock clock;
    private final ZoneId zone;
    private final int hour;
    private final Duration lookAhead;
    private final Counter queued;

    public SupportDigests(
            SupportDigestStore store,
            SupportPlanService plans,
            Clock clock,
            ZoneId zone,
            int hour,
            Duration lookAhead,
            MeterRegistry meters) {
        if (hour < 0 || hour > 23) {
            throw new IllegalArgumentException("The support digest's hour must be 0 to 23, not " + hour);
        }
        this.store = store;
        this.plans = plans;
        this.clock = clock;
        this.zone = zone;
        this.hour = hour;
        this.lookAhead = lookAhead;
        this.queued = Counter.builder("convene.support.digests")
                .description(
                        "Daily digests of outstanding support claimed for publishing, one per organisation and day")
                .register(meters);
    }

    public Mono<Void> run() {
        return run(clock.instant());
    }

    /** One round, as at {@code now}: the organisations without today's digest get one, if they have anything outstanding. */
    public Mono<Void> run(Instant now) {
        var local = now.atZone(zone);
        if (local.getHour() < hour) {
            return Mono.empty();
        }
        var date = local.toLocalDate().toString();
        return store.upcoming(now, now.plus(lookAhead).plus(LONGEST_DEADLINE))
                .filter(event -> event.organisationId() != null)
                .collectMultimap(UpcomingEvent::organisationId)
                .flatMapMany(byOrganisation -> Flux.fromIterable(byOrganisation.entrySet()))
                .concatMap(organisation -> digest(
                                organisation.getKey(), List.copyOf(organisation.getValue()), date, now)
                        .onErrorResume(e -> {
                            // The organisation's id only: it is no one's personal data.
                            log.warn(
                                    "The support digest of {} for {} failed; the next round tries again: {}",
                                    organisation.getKey(),
                                    date,
                                    e.toString());
                            return Mono.empty();
                        }))
                .then(Mono.defer(() -> store.forgetBefore(
                        local.toLocalDate().minusDays(KEEP_DAYS).toString())))
                .timeout(ROUND_DEADLINE);
    }

    private Mono<Void> digest(String organisationId, List<UpcomingEvent> events, String date, Instant now) {
        var horizon = now.plus(lookAhead);
        return store.claimed(organisationId, date)
                .flatMap(claimed -> claimed
                        ? Mono.<Void>empty()
                        : Flux.fromIterable(events)
                                .sort(Comparator.comparing(UpcomingEvent::startsAt)
                                        .thenComparing(event -> event.event().value()))
                                .concatMap(event -> plans.outstandingByKind(event.event())
                                        .mapNotNull(outstanding -> {
                                            var arrangeBy =
                                                    event.startsAt().minus(Duration.ofDays(outstanding.daysBefore()));
                                            if (arrangeBy.isAfter(horizon)
                                                    || outstanding.needs().isEmpty()) {
                                                return null;
                                            }
                                            return new SupportDigest.DueEvent(
                                                    event.event(),
                                                    event.title(),
                                                    event.startsAt(),
                                                    event.timeZone(),
                                                    arrangeBy,
                                                    outstanding.needs().stream()
                                                            .map(need -> new SupportDigest.Outstanding(
                                                                    need.code(), need.people()))
                                                            .toList());
                                        }))
                                .collectList()
                                .filter(due -> !due.isEmpty())
                                .flatMap(due -> store.claim(
                                        new SupportDigest(UUID.randomUUID(), now, organisationId, date, due)))
                                .doOnNext(made -> {
                                    if (made) {
                                        queued.increment();
                                        log.info("Support digest of {} for {} queued", organisationId, date);
                                    }
                                })
                                .then());
    }
}
