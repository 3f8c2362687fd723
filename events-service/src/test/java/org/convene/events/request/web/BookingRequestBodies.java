package org.convene.events.request.web;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A valid booking request form, which a test changes one field of at a time. */
final class BookingRequestBodies {

    private BookingRequestBodies() {}

    static Map<String, Object> keynote(String email) {
        var body = new HashMap<String, Object>();
        body.put("kind", "KEYNOTE");
        body.put(
                "requester",
                Map.of(
                        "organisation", "Rutland County Council",
                        "name", "Sam Patel",
                        "email", email,
                        "phone", "01572 722577"));
        body.put(
                "preferredDates",
                List.of(
                        LocalDate.now().plusDays(40).toString(),
                        LocalDate.now().plusDays(47).toString()));
        body.put("town", "Oakham");
        body.put("audienceSize", 60);
        body.put("audience", "PROFESSIONALS");
        body.put("accessibility", List.of("STEP_FREE_ACCESS", "HEARING_LOOP"));
        body.put("accessibilityNotes", "Our chair uses a wheelchair.");
        body.put("interpreterLanguages", List.of("BSL"));
        body.put("message", "Could you open our care leavers' conference?\nAbout 45 minutes.");
        return body;
    }
}
