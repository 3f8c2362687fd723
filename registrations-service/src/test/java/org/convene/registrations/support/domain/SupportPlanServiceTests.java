package org.convene.registrations.support.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.EventSeats;
import org.convene.registrations.registration.domain.Organiser;
import org.convene.registrations.registration.domain.RegistrationService;
import org.convene.registrations.registration.domain.Registrations;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** An event's support plan as {@link SupportPlanService} builds it, through mocked ports: no store, no Spring. */
class SupportPlanServiceTests {

    private static final EventId EVENT = new EventId("event-1");
    private static final Organiser ORGANISER = new Organiser("organiser", "org-test");

    private final RegistrationService registrationService = mock(RegistrationService.class);
    private final SeatLedgers ledgers = mock(SeatLedgers.class);
    private final SupportPlans plans = mock(SupportPlans.class);
    private final SupportPlanService service = new SupportPlanService(
            mock(Registrations.class),
            registrationService,
            ledgers,
            plans,
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    private static EventSeats ledger(Instant startsAt) {
        return new EventSeats(
                EVENT,
                "org-test",
                Instant.parse("2027-01-10T12:00:00Z"),
                "PUBLISHED",
                10,
                0,
                0,
                3,
                12,
                null,
                null,
                1,
                "PUBLIC",
                List.of(),
                Map.of(),
                startsAt,
                null);
    }

    private SupportPlanService.EventSupport planWithLedger(EventSeats seats) {
        when(registrationService.list(any(), any(), isNull())).thenReturn(Flux.empty());
        when(plans.find(EVENT)).thenReturn(Mono.just(SupportPlans.Plan.empty(EVENT)));
        when(ledgers.find(EVENT)).thenReturn(Mono.just(seats));
        return service.plan(ORGANISER, EVENT).block();
    }

    @Test
    void everythingShouldBeArrangedTheDefaultWeekBeforeTheEventStarts() {
        var support = planWithLedger(ledger(Instant.parse("2027-01-10T10:00:00Z")));

        assertThat(support.daysBefore()).isEqualTo(SupportPlanService.DEFAULT_DAYS_BEFORE);
        assertThat(support.arrangeBy()).isEqualTo(Instant.parse("2027-01-03T10:00:00Z"));
    }

    @Test
    void anEventWhoseLedgerDoesNotKnowItsStartYetStillHasAPlanWithoutADeadline() {
        var support = planWithLedger(ledger(null));

        assertThat(support).isNotNull();
        assertThat(support.eventId()).isEqualTo(EVENT.value());
        assertThat(support.arrangeBy()).isNull();
        assertThat(support.needs()).isEmpty();
    }
}
