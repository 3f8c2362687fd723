package org.convene.journeys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * People registering for one event, a few at a time, for as long as it runs, each as a well-made
 * client does: an answer that is not final (a 5xx, a time-out, a refused connection) is asked again
 * with the same {@code Idempotency-Key}; a 429 waits as long as its {@code Retry-After} says. Some
 * who got a seat cancel it again, through their private link, so places come up for those waiting.
 */
final class RegistrationLoad {

    /** One person's registration as they saw it. */
    record Person(
            String email,
            String idempotencyKey,
            String registrationId,
            String answeredStatus,
            boolean cancelled,
            int differentAnswers) {}

    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final Duration NOT_FINAL_AGAIN_AFTER = Duration.ofMillis(500);
    /** Once stopped, how long a person may still try for their final answer. */
    private static final Duration FINISH_WITHIN = Duration.ofSeconds(150);

    private static final int CANCEL_EVERY = 5;

    private final java.util.function.IntFunction<String> gatewayFor;
    private final String eventId;
    private final String tag;
    private final int atOnce;
    private final ConcurrentLinkedQueue<Person> people = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Instant> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Instant deadline;

    RegistrationLoad(RunningConvene convene, String eventId, String tag, int atOnce) {
        this(number -> convene.gateway(), eventId, tag, atOnce);
    }

    /** People each going through the gateway {@code gatewayFor} gives for their number (with several gateways). */
    RegistrationLoad(java.util.function.IntFunction<String> gatewayFor, String eventId, String tag, int atOnce) {
        this.gatewayFor = gatewayFor;
        this.eventId = eventId;
        this.tag = tag;
        this.atOnce = atOnce;
    }

    void start() {
        for (int i = 0; i < atOnce; i++) {
            threads.add(Thread.ofVirtual().name("registering-" + i).start(this::registerUntilStopped));
        }
    }

    /** Stops starting new registrations and waits for those under way to get their final answers. */
    void stop() throws InterruptedException {
        deadline = Instant.now().plus(FINISH_WITHIN);
        stopping = true;
        for (var thread : threads) {
            thread.join(FINISH_WITHIN.plusSeconds(30));
        }
    }

    List<Person> people() {
        return List.copyOf(people);
    }

    /** Final answers so far. */
    int answered() {
        return answers.size();
    }

    long retries() {
        return retries.get();
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }

    List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    /** The time of the first final answer after {@code after}, waiting for it up to {@code within}. */
    Instant awaitAnswerAfter(Instant after, Duration within) {
        var until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            var first = answers.stream().filter(at -> at.isAfter(after)).min(Instant::compareTo);
            if (first.isPresent()) {
                return first.get();
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("no registration was answered within " + within + " after " + after);
    }

    private void registerUntilStopped() {
        while (!stopping) {
            register(numbers.incrementAndGet());
            sleep(PAUSE);
        }
    }

    private void register(int number) {
        var email = "fault" + number + "-" + tag + "@example.org";
        var key = UUID.randomUUID().toString();
        // Each person from an address of their own, as behind the trusted proxy.
        var address = "10.%d.%d.%d".formatted((number >> 16) & 255, (number >> 8) & 255, number & 255);
        var companions = switch (ThreadLocalRandom.current().nextInt(3)) {
            case 0 -> "[]";
            case 1 -> "[\"CARER\"]";
            default -> "[\"CARER\",\"SUPPORT_WORKER\"]";
        };
        var body = """
                {"attendee":{"name":"Sam","email":"%s","role":"YOUNG_PERSON","ageBand":"AGE_18_TO_25"},
                 "companions":%s}""".formatted(email, companions);
        var url = gatewayFor.apply(number) + "/api/events/" + eventId + "/registrations";
        String registrationId = null;
        String status = null;
        String manageLink = null;
        int different = 0;
        while (true) {
            if (stopping && Instant.now().isAfter(deadline)) {
                unanswered.add(email);
                return;
            }
            Http.Answer answer;
            try {
                answer = Http.postFrom(address, url, body, key);
            } catch (RuntimeException refusedOrTimedOut) {
                notFinal();
                continue;
            }
            if (answer.status() == 201 || answer.status() == 200) {
                var json = answer.json();
                var id = json.path("registrationId").asString();
                if (registrationId != null && !registrationId.equals(id)) {
                    different++;
                }
                registrationId = id;
                status = json.path("status").asString();
                manageLink = json.path("manageLink").asString();
                break;
            }
            if (answer.status() == 429) {
                var wait = answer.headers()
                        .firstValue("Retry-After")
                        .map(Long::parseLong)
                        .orElse(1L);
                sleep(Duration.ofSeconds(Math.min(wait, 60)));
                continue;
            }
            if (answer.status() >= 500) {
                notFinal();
                continue;
            }
            refusals.add(answer.status() + " " + answer.body());
            return;
        }
        answers.add(Instant.now());
        // A final answer is a decision: an answer "pending" (a repeat that found its first attempt
        // undecided) would be taken for one while the emails tell another story.
        if (!status.equals("CONFIRMED") && !status.equals("WAITLISTED")) {
            refusals.add("answered " + status + " for " + registrationId);
        }
        var cancelled = status.equals("CONFIRMED") && number % CANCEL_EVERY == 0 && cancel(manageLink);
        people.add(new Person(email, key, registrationId, status, cancelled, different));
    }

    /** Cancels through the private link until the answer is final; says whether it was cancelled. */
    private boolean cancel(String manageLink) {
        var url = manageLink.replace("/manage/", "/api/registrations/manage/") + "/cancel";
        while (!(stopping && Instant.now().isAfter(deadline))) {
            try {
                var answer = Http.post(url, null, null);
                if (answer.status() == 200) {
                    return true;
                }
                if (answer.status() < 500 && answer.status() != 429) {
                    refusals.add("cancel: " + answer.status() + " " + answer.body());
                    return false;
                }
            } catch (RuntimeException refusedOrTimedOut) {
                // asked again below
            }
            notFinal();
        }
        unanswered.add("cancel " + manageLink);
        return false;
    }

    private void notFinal() {
        retries.incrementAndGet();
        sleep(NOT_FINAL_AGAIN_AFTER);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
