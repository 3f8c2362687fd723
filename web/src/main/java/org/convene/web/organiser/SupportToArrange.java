package org.convene.web.organiser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convene.web.api.Registrations.NeedToArrange;
import org.convene.web.api.Registrations.Summary;
import org.convene.web.api.Registrations.SupportPlan;
import org.convene.web.page.Form;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The "Support to arrange" part of the organiser's event page (issue 19): what people asked for, in plain
 * words, who asked, whether it is arranged, and by when everything should be. Needs of a kind are arranged
 * once for everyone who asked (one interpreter covers everyone needing that language); what someone wrote
 * in their own words is arranged for them alone. All of it in the reader's language.
 */
record SupportToArrange(
        List<Row> rows, String headline, boolean late, int outstanding, int daysBefore, Form deadlineForm) {

    static final List<String> FIELDS = List.of("note", "daysBefore");

    /** One need as a row of the table, numbered for its form's ids; {@code named} is what a notice calls it. */
    record Row(
            int number,
            NeedToArrange need,
            String what,
            String who,
            @Nullable String arrangedOn,
            @Nullable String named) {

        public String formId() {
            return "arrange-" + number;
        }

        public String noteId() {
            return "support-note-" + number;
        }
    }

    /** An arrangement the API refused, to show at its own form with what was typed kept. */
    record Refusal(@Nullable String need, Form form, String message) {

        public boolean isFor(Row row) {
            return need != null && need.equals(row.need().need());
        }

        /** The sentences for the error summary: the form's field errors, or the API's refusal. */
        public List<String> messages() {
            return form.hasErrors() ? List.copyOf(form.errors().values()) : List.of(message);
        }
    }

    static Map<String, String> labels(OrganiserWords.In words) {
        return words.labels("organiser.support.field.", FIELDS);
    }

    /**
     * The plan in words, in the event's time zone; {@code deadlineForm} is the deadline as sent when the API
     * refused it, or null to show the plan's own.
     */
    static SupportToArrange of(
            SupportPlan plan,
            @Nullable Summary summary,
            String timeZone,
            OrganiserWords.In words,
            @Nullable Form deadlineForm,
            Instant now) {
        var rows = new ArrayList<Row>();
        int number = 1;
        for (var need : plan.needs()) {
            var what = what(need, summary, words);
            var who = words.list(need.who());
            rows.add(new Row(
                    number++,
                    need,
                    what,
                    who,
                    need.arrangedAt() == null ? null : words.day(need.arrangedAt(), timeZone),
                    need.isOther() ? words.text("organiser.support.whatOwnWords", who) : what));
        }
        boolean late = plan.outstanding() > 0
                && plan.arrangeBy() != null
                && plan.arrangeBy().toInstant().isBefore(now);
        String headline;
        if (plan.needs().isEmpty()) {
            headline = words.text("organiser.support.nothingAsked");
        } else if (plan.outstanding() == 0) {
            headline = words.text("organiser.support.allArranged");
        } else if (plan.arrangeBy() == null) {
            headline = words.text(
                    late ? "organiser.support.outstandingLate" : "organiser.support.outstanding",
                    words.number(plan.outstanding()),
                    daysBefore(plan.daysBefore(), words));
        } else {
            headline = words.text(
                    late ? "organiser.support.outstandingByLate" : "organiser.support.outstandingBy",
                    words.number(plan.outstanding()),
                    words.day(plan.arrangeBy(), timeZone),
                    daysBefore(plan.daysBefore(), words));
        }
        var form = deadlineForm;
        if (form == null) {
            var values = new LinkedMultiValueMap<String, String>();
            values.add("daysBefore", String.valueOf(plan.daysBefore()));
            form = new Form(values, labels(words));
        }
        return new SupportToArrange(List.copyOf(rows), headline, late, plan.outstanding(), plan.daysBefore(), form);
    }

    /** "BSL interpreter", "Step-free access", "Food needs (Halal: 2)", or what the person wrote. */
    static String what(NeedToArrange need, @Nullable Summary summary, OrganiserWords.In words) {
        if (need.isOther()) {
            return words.text("organiser.support.ownWords", need.detail() == null ? "" : need.detail());
        }
        var what = words.word(need.code());
        if ("DIETARY".equals(need.code())
                && summary != null
                && summary.dietaryNeeds() != null
                && !summary.dietaryNeeds().isEmpty()) {
            var diets = summary.dietaryNeeds().entrySet().stream()
                    .map(diet ->
                            words.text("organiser.count", words.word(diet.getKey()), words.number(diet.getValue())))
                    .toList();
            what = words.text("organiser.support.withDiets", what, words.list(diets));
        }
        return what;
    }

    /** "7 days before", "1 day before", "on the day of the event". */
    static String daysBefore(int days, OrganiserWords.In words) {
        return switch (days) {
            case 0 -> words.text("organiser.support.onTheDay");
            case 1 -> words.text("organiser.support.oneDay");
            default -> words.text("organiser.support.manyDays", words.number(days));
        };
    }

    /** The notice after a change the API accepted, naming the need when it is still on the plan. */
    @Nullable
    String notice(@Nullable String done, @Nullable String need, OrganiserWords.In words) {
        var row = rows.stream()
                .filter(each -> each.need().need().equals(need))
                .findFirst()
                .orElse(null);
        var named = row == null ? null : row.named();
        boolean one = row != null && row.need().isOther();
        return switch (done == null ? "" : done) {
            case "arranged" ->
                named == null
                        ? words.text("organiser.support.done.arranged")
                        : words.text(
                                one ? "organiser.support.done.arrangedOne" : "organiser.support.done.arrangedAll",
                                named);
            case "renoted" ->
                named == null
                        ? words.text("organiser.support.done.renoted")
                        : words.text("organiser.support.done.renotedFor", named);
            case "withdrawn" ->
                named == null
                        ? words.text("organiser.support.done.withdrawn")
                        : words.text("organiser.support.done.withdrawnOf", named);
            case "deadline" ->
                words.text(
                        daysBefore == 0 ? "organiser.support.done.deadlineOnTheDay" : "organiser.support.done.deadline",
                        daysBefore(daysBefore, words));
            default -> null;
        };
    }

    boolean hasNeed(@Nullable String need) {
        return rows.stream().anyMatch(row -> row.need().need().equals(need));
    }
}
