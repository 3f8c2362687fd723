package org.convene.web.organiser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convene.web.api.Registrations.NeedToArrange;
import org.convene.web.api.Registrations.Summary;
import org.convene.web.api.Registrations.SupportPlan;
import org.convene.web.page.Form;
import org.convene.web.page.Show;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The "Support to arrange" part of the organiser's event page (issue 19): what people asked for, in plain
 * words, who asked, whether it is arranged, and by when everything should be. Needs of a kind are arranged
 * once for everyone who asked (one interpreter covers everyone needing that language); what someone wrote
 * in their own words is arranged for them alone.
 */
record SupportToArrange(
        List<Row> rows, String headline, boolean late, int outstanding, int daysBefore, Form deadlineForm) {

    static final Map<String, String> LABELS = Map.of(
            "note", "Note for the people who asked",
            "daysBefore", "Arrange everything this many days before the event");

    static final String DAYS = "Enter a number of days from 0 to 60";
    static final String NOT_A_NEED = "Nobody at this event needs that now: they may have changed what they asked for,"
            + " or cancelled. The list shows what is still asked for.";

    /** One need as a row of the table, numbered for its form's ids. */
    record Row(int number, NeedToArrange need, String what, String who, String arrangedOn) {

        public String formId() {
            return "arrange-" + number;
        }

        public String noteId() {
            return "support-note-" + number;
        }

        /** What the notice after a change calls it. */
        public String named() {
            return need.isOther() ? "what " + who + " asked for in their own words" : what;
        }
    }

    /** An arrangement the API refused, to show at its own form with what was typed kept. */
    record Refusal(String need, Form form, String message) {

        public boolean isFor(Row row) {
            return need != null && need.equals(row.need().need());
        }

        /** The sentences for the error summary: the form's field errors, or the API's refusal. */
        public List<String> messages() {
            return form.hasErrors() ? List.copyOf(form.errors().values()) : List.of(message);
        }
    }

    /**
     * The plan in words, in the event's time zone; {@code deadlineForm} is the deadline as sent when the API
     * refused it, or null to show the plan's own.
     */
    static SupportToArrange of(
            SupportPlan plan, Summary summary, String timeZone, Show show, Form deadlineForm, Instant now) {
        var rows = new ArrayList<Row>();
        int number = 1;
        for (var need : plan.needs()) {
            rows.add(new Row(
                    number++,
                    need,
                    what(need, summary, show),
                    String.join(", ", need.who()),
                    need.arrangedAt() == null ? null : show.day(need.arrangedAt(), timeZone)));
        }
        boolean late = plan.outstanding() > 0
                && plan.arrangeBy() != null
                && plan.arrangeBy().toInstant().isBefore(now);
        String headline;
        if (plan.needs().isEmpty()) {
            headline = "Nobody has asked for any support yet.";
        } else if (plan.outstanding() == 0) {
            headline = "Everything asked for is arranged.";
        } else {
            headline = plan.outstanding() + " still to arrange"
                    + (plan.arrangeBy() == null ? "" : ", by " + show.day(plan.arrangeBy(), timeZone))
                    + " (" + daysBefore(plan.daysBefore()) + ")"
                    + (late ? ". That day has passed: the people who asked are waiting to hear." : ".");
        }
        var form = deadlineForm;
        if (form == null) {
            var values = new LinkedMultiValueMap<String, String>();
            values.add("daysBefore", String.valueOf(plan.daysBefore()));
            form = new Form(values, LABELS);
        }
        return new SupportToArrange(List.copyOf(rows), headline, late, plan.outstanding(), plan.daysBefore(), form);
    }

    /** "BSL interpreter", "Step-free access", "Food needs (Halal: 2)", or what the person wrote. */
    static String what(NeedToArrange need, Summary summary, Show show) {
        if (need.isOther()) {
            return "Asked in their own words: " + (need.detail() == null ? "" : need.detail());
        }
        var words = show.word(need.code());
        if ("DIETARY".equals(need.code())
                && summary != null
                && summary.dietaryNeeds() != null
                && !summary.dietaryNeeds().isEmpty()) {
            var diets = summary.dietaryNeeds().entrySet().stream()
                    .map(diet -> show.word(diet.getKey()) + ": " + diet.getValue())
                    .toList();
            words += " (" + String.join(", ", diets) + ")";
        }
        return words;
    }

    /** "7 days before", "1 day before", "on the day". */
    static String daysBefore(int days) {
        return switch (days) {
            case 0 -> "on the day of the event";
            case 1 -> "1 day before";
            default -> days + " days before";
        };
    }

    /** The notice after a change the API accepted, naming the need when it is still on the plan. */
    String notice(String done, String need) {
        var row = rows.stream()
                .filter(each -> each.need().need().equals(need))
                .findFirst()
                .orElse(null);
        var named = row == null ? null : row.named();
        boolean one = row != null && row.need().isOther();
        return switch (done == null ? "" : done) {
            case "arranged" ->
                named == null
                        ? "Marked as arranged. Everyone who asked for it will get one email."
                        : "Marked as arranged: " + named + ". "
                                + (one ? "They will get one email." : "Everyone who asked for it will get one email.");
            case "renoted" ->
                "Note saved" + (named == null ? "" : " for " + named)
                        + ". If it changed, everyone who asked for it gets one email with the new note.";
            case "withdrawn" ->
                "Not arranged after all" + (named == null ? "" : ": " + named)
                        + ". It is back on the list to arrange. Nobody has been emailed.";
            case "deadline" ->
                "Deadline saved: arrange everything " + daysBefore(daysBefore)
                        + (daysBefore == 0 ? "." : " the event.");
            default -> null;
        };
    }

    boolean hasNeed(String need) {
        return rows.stream().anyMatch(row -> row.need().need().equals(need));
    }
}
