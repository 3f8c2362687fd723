package org.convene.journeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The emails one person of a {@link RegistrationLoad} should have had: one of {@code ways} (subject → how
 * many), by the course their registration took. Shared by the fault journeys, which count every email.
 */
record ExpectedEmails(String email, List<Map<String, Long>> ways) {

    boolean arrived(Map<String, Long> got) {
        return ways.stream().anyMatch(way -> covers(got, way));
    }

    /** Copies beyond the first of each email, by the way that arrived. */
    long secondCopies(Map<String, Long> got) {
        var total = got.values().stream().mapToLong(Long::longValue).sum();
        return ways.stream()
                .filter(way -> covers(got, way))
                .mapToLong(way ->
                        total - way.values().stream().mapToLong(Long::longValue).sum())
                .min()
                .orElse(0);
    }

    List<String> subjects() {
        return ways.stream().flatMap(way -> way.keySet().stream()).distinct().toList();
    }

    private static boolean covers(Map<String, Long> got, Map<String, Long> way) {
        return way.entrySet().stream().allMatch(entry -> got.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
    }

    /** What each person should have had for a workshop called {@code title}, given what the store holds. */
    static List<ExpectedEmails> of(List<RegistrationLoad.Person> people, List<Document> stored, String title) {
        var status = stored.stream()
                .collect(Collectors.toMap(
                        document -> document.getString("_id"), document -> document.getString("status")));
        var booked = "You're booked: " + title;
        var waiting = "You're on the waiting list: " + title;
        var placeCameUp = "A place came up for you: " + title;
        var cancelled = "Your place is cancelled: " + title;
        var expected = new ArrayList<ExpectedEmails>();
        for (var person : people) {
            var ways = new ArrayList<Map<String, Long>>();
            Map<String, Long> promoted = Map.of(waiting, 1L, placeCameUp, 1L);
            if (person.answeredStatus().equals("CONFIRMED")) {
                ways.add(Map.of(booked, 1L));
                // The answer is the registration as it is when answered: it may have joined the queue
                // first (people were waiting) and been promoted before the answer went out (ADR 6's
                // serving rule), or before an attempt asked again; its emails then tell both steps.
                ways.add(promoted);
            } else if ("WAITLISTED".equals(status.get(person.registrationId()))) {
                ways.add(Map.of(waiting, 1L));
            } else {
                ways.add(promoted);
            }
            if (person.cancelled()) {
                ways.replaceAll(way -> {
                    var withCancellation = new TreeMap<>(way);
                    withCancellation.put(cancelled, 1L);
                    return withCancellation;
                });
            }
            expected.add(new ExpectedEmails(person.email(), ways));
        }
        return expected;
    }

    /** Those whose emails have not all arrived, with what they got. */
    static List<String> notArrived(List<ExpectedEmails> expected, Map<String, Map<String, Long>> received) {
        return expected.stream()
                .filter(person -> !person.arrived(received.getOrDefault(person.email(), Map.of())))
                .map(person -> person.email() + " got " + received.getOrDefault(person.email(), Map.of()))
                .toList();
    }
}
