package org.convene.registrations.support.domain;

import java.time.Instant;
import java.util.List;
import org.convene.registrations.registration.domain.EventId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** What an organiser has arranged for an event's support needs, and by when they mean to. */
public interface SupportPlans {

    /** Arranged for {@code need} (see {@link Need}), with a short note for the people who asked. */
    record Arrangement(String need, @Nullable String note, Instant arrangedAt) {}

    /**
     * @param daysBefore how many days before the event everything should be arranged; null: the default
     * @param version for a compare-and-set; -1 when nothing was stored yet
     */
    record Plan(EventId event, @Nullable Integer daysBefore, List<Arrangement> arranged, long version) {

        public Plan {
            arranged = arranged == null ? List.of() : List.copyOf(arranged);
        }

        public static Plan empty(EventId event) {
            return new Plan(event, null, List.of(), -1);
        }

        public java.util.Optional<Arrangement> arrangementFor(String need) {
            return arranged.stream().filter(a -> a.need().equals(need)).findFirst();
        }
    }

    /** The event's plan; an empty one if nothing was arranged yet. */
    Mono<Plan> find(EventId event);

    /** Writes {@code after} if the plan is still at {@code before}'s version; false if it changed meanwhile. */
    Mono<Boolean> save(Plan before, Plan after);
}
