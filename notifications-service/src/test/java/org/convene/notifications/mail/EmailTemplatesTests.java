package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every email kind renders in both parts from its templates, for a phone, with nothing left unresolved. */
class EmailTemplatesTests {

    private final EmailTemplates templates = new EmailTemplates();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "confirmation",
                "waitlisted",
                "promoted",
                "cancelled",
                "rescheduled",
                "reminder",
                "support-alert",
                "support-digest",
                "subscription-confirmation",
                "newsletter"
            })
    void rendersPlainTextAndHtmlReadableOnAPhone(String kind) {
        var rendered = templates.render(kind, "Subject", model());

        assertThat(rendered.html())
                .contains("<html lang=\"en-GB\" dir=\"ltr\"", "name=\"viewport\"", "width=device-width")
                .doesNotContain(" th:", "xmlns:th", "${", "[[");
        assertThat(rendered.text()).isNotBlank().doesNotContain("[[", "${", "[#", "<p>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"confirmation", "rescheduled", "reminder"})
    void escapesWhatOrganisersAndPeopleWroteInHtml(String kind) {
        var model = model();
        model.put("title", "<script>alert(1)</script>");
        model.put("name", "<b>Sam</b>");

        var html = templates.render(kind, "Subject", model).html();

        assertThat(html).doesNotContain("<script>", "<b>Sam</b>").contains("&lt;script&gt;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"confirmation", "waitlisted", "promoted", "cancelled", "support-alert"})
    void aWorkersEmailNamesTheYoungPeopleOfTheirGroupEscaped(String kind) {
        var model = model();
        model.put("seats", 5);
        model.put("group", List.of("Riley", "<b>Casey</b>", "Jo"));

        var rendered = templates.render(kind, "Subject", model);

        if (kind.equals("support-alert")) {
            assertThat(rendered.text()).contains("a group of 3 young people");
            assertThat(rendered.html()).doesNotContain("Riley");
        } else {
            assertThat(rendered.text()).contains("(adults: 2, young people: 3)", "- Riley", "- Jo");
            assertThat(rendered.html())
                    .contains("<li>Riley</li>", "&lt;b&gt;Casey&lt;/b&gt;")
                    .doesNotContain("<b>Casey");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"confirmation", "promoted"})
    void aPartlyAcceptedGroupsEmailSaysWhoStillWaits(String kind) {
        var model = model();
        model.put("seats", 3);
        model.put("group", List.of("Riley", "Jo"));
        model.put("groupWaiting", List.of("Casey <i>W</i>"));

        var rendered = templates.render(kind, "Subject", model);

        assertThat(rendered.text()).contains("young people: 2", "Still waiting for a place", "- Casey");
        assertThat(rendered.html()).contains("Still waiting for a place", "Casey &lt;i&gt;W&lt;/i&gt;");
    }

    @org.junit.jupiter.api.Test
    void aSupportDigestListsEachEventWithItsNeedsAndEscapesTitles() {
        var model = model();
        model.put(
                "events",
                List.of(
                        digestEvent("<script>alert(1)</script>", "BSL interpreter", "2 people"),
                        digestEvent("Training day", "Food needs", "1 person")));

        var rendered = templates.render("support-digest", "Subject", model);

        assertThat(rendered.text())
                .contains(
                        "Arrange by: Wednesday 3 March 2027, 10:00 am",
                        "- BSL interpreter: 2 people",
                        "- Food needs: 1 person");
        assertThat(rendered.html())
                .contains("&lt;script&gt;", "<h2", "Training day")
                .doesNotContain("<script>");
    }

    private static Map<String, Object> digestEvent(String title, String need, String people) {
        return Map.of(
                "title",
                title,
                "when",
                "Wednesday 10 March 2027, 10:00 am",
                "timeZone",
                "Europe/London",
                "arrangeBy",
                "Wednesday 3 March 2027, 10:00 am",
                "needs",
                List.of(Map.of("words", need, "people", people)));
    }

    private static Map<String, Object> model() {
        var model = new HashMap<String, Object>();
        model.put("name", "Sam");
        model.put("sender", "Voices of Care");
        model.put("title", "Peer research workshop");
        model.put("when", "Wednesday 10 March 2027, 10:00 am");
        model.put("timeZone", "Europe/London");
        model.put("online", false);
        model.put("onlineLink", null);
        model.put("venueName", "Community Hall");
        model.put("venueAddress", "12 Market Street, Leeds");
        model.put("venuePostcode", "LS1 6DT");
        model.put("accessibility", List.of("STEP_FREE_ACCESS"));
        model.put("seats", 2);
        model.put("companions", List.of("CARER"));
        model.put("group", List.of());
        model.put("groupWaiting", List.of());
        model.put("position", 3);
        model.put("manageLink", "https://convene.example/manage/abc");
        model.put("confirmLink", "https://convene.example/newsletter/confirm/abc");
        model.put("support", List.of("BSL interpreter"));
        model.put("events", List.of(digestEvent("Peer research workshop", "BSL interpreter", "2 people")));
        model.put("eventCancelled", false);
        model.put("reason", null);
        model.put("subject", "Spring news");
        model.put("body", "<p>Hello</p>");
        model.put("markdown", "Hello");
        model.put("organisation", "Voices of Care");
        model.put("colour", "#5b2a86");
        model.put("topics", "workshops");
        model.put("unsubscribeLink", "https://convene.example/newsletter/unsubscribe/abc");
        model.put("preferencesLink", "https://convene.example/newsletter/preferences/abc");
        return model;
    }
}
