package org.convene.events.event.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request bodies and callers for event tests: a valid workshop that a test changes one field of at a time. */
final class EventRequestBodies {

    static final String LONDON = "Europe/London";

    private EventRequestBodies() {}

    static String inDays(long days, int hour) {
        return LocalDateTime.now(ZoneId.of(LONDON))
                .plusDays(days)
                .withHour(hour)
                .withMinute(0)
                .withSecond(0)
                .withNano(0)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    static Map<String, Object> workshop(String title) {
        var body = new HashMap<String, Object>();
        body.put("title", title);
        body.put("summary", "Young people and peer researchers plan the next study together.");
        body.put("description", "## What we will do\n\nTalk, plan and eat **pizza**.");
        body.put("format", "WORKSHOP");
        body.put("audience", "YOUNG_PEOPLE");
        body.put("topics", List.of("peer-research"));
        body.put("startsAt", inDays(10, 10));
        body.put("endsAt", inDays(10, 14));
        body.put("timeZone", LONDON);
        body.put("capacity", 10);
        body.put(
                "venue",
                Map.of(
                        "name", "Community Hall",
                        "address", "12 Market Street, Leeds",
                        "postcode", "LS1 6DT",
                        "accessibility", List.of("STEP_FREE_ACCESS", "HEARING_LOOP")));
        body.put(
                "support",
                Map.of(
                        "interpreterLanguages",
                        List.of("BSL"),
                        "foodProvided",
                        true,
                        "dietaryOptions",
                        List.of("halal")));
        return body;
    }

    static Map<String, Object> onlineKeynote(String title, String link) {
        var body = workshop(title);
        body.remove("venue");
        body.put("format", "KEYNOTE");
        body.put("audience", "PROFESSIONALS");
        body.put("onlineLink", link);
        return body;
    }
}
