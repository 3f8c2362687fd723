package org.convene.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The organiser's pages in Welsh and Arabic (issue 21): the words come from the i18n/organiser bundles in
 * the reader's language (Accept-Language here; the language switch's cookie at merge), days and times in
 * the event's own zone as that language writes them, and Arabic pages read right to left.
 */
class OrganiserPagesInLanguagesTests extends PagesTestContext {

    static final String EVENT = """
            {"id":"e-1","organisationId":"org-a","status":"PUBLISHED","title":"Peer research <b>workshop</b>",
             "summary":"Plan a study together","format":"WORKSHOP","audience":"YOUNG_PEOPLE","topics":["research"],
             "startsAt":"2027-02-10T10:00:00Z","endsAt":"2027-02-10T14:00:00Z","timeZone":"Europe/London",
             "capacity":1200,"maxCompanions":2,"visibility":"PUBLIC","version":4,
             "venue":{"name":"Youth Hub","address":"1 High Street","postcode":"LS1 1AA","accessibility":["STEP_FREE_ACCESS"]},
             "online":false,"support":{"interpreterLanguages":["BSL"],"foodProvided":false,"dietaryOptions":[],"travelSupport":false}}""";
    static final String PLAN = """
            {"eventId":"e-1","daysBefore":7,"arrangeBy":"2027-02-03T10:00:00Z","outstanding":1,"needs":[
              {"need":"INTERPRETER_BSL","code":"INTERPRETER_BSL","who":["Riley","Sam"],"detail":null,
               "arranged":false,"note":null,"arrangedAt":null},
              {"need":"STEP_FREE_ACCESS","code":"STEP_FREE_ACCESS","who":["Riley"],"detail":null,
               "arranged":true,"note":null,"arrangedAt":"2027-01-20T09:00:00Z"}]}""";

    WebTestClient client;

    @Autowired
    void client(WebTestClient client) {
        // The first page of a fresh context renders slowly on a busy machine; the default 5 s is not the subject.
        this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @BeforeEach
    void anEventOfTheOrganisersOwn() {
        services.reset();
        services.answer("GET /api/organisations/org-a/events", 200, "[" + EVENT + "]");
        services.answer("GET /api/events/e-1", 200, EVENT);
        services.answer("GET /api/events/e-1/support-plan", 200, PLAN);
    }

    @Test
    void theDashboardInWelshSaysTheTimeAsWelshWritesItInTheEventsZone() {
        assertThat(page("/organiser", "cy"))
                .contains("<html lang=\"cy\" dir=\"ltr\"")
                .contains("<h1>Eich digwyddiadau</h1>", "<title>Eich digwyddiadau – Convene</title>")
                .contains("Dydd Mercher 10 Chwefror 2027, 10:00 tan 14:00 (amser y DU)")
                .contains(">Wedi’i gyhoeddi</td>", ">1,200</td>", "data-label=\"Seddi\"")
                .doesNotContain("Your events</h1>", "Wednesday", "??organiser");
    }

    @Test
    void theDashboardInArabicReadsRightToLeftWithArabicDaysAndMonths() {
        assertThat(page("/organiser", "ar"))
                .contains("<html lang=\"ar\" dir=\"rtl\"")
                .contains("<h1>فعالياتك</h1>")
                .contains("الأربعاء 10 فبراير 2027، 10:00 إلى 14:00 (بتوقيت المملكة المتحدة)")
                .contains(">منشورة</td>")
                .doesNotContain("Wednesday", "UK time", "??organiser");
    }

    @Test
    void englishIsTheDefaultAndReadsAsBefore() {
        assertThat(page("/organiser", null))
                .contains("<html lang=\"en-GB\" dir=\"ltr\"", "<h1>Your events</h1>")
                .contains("Wednesday 10 February 2027, 10:00 to 14:00 (UK time)");
        assertThat(page("/organiser", "en-GB")).contains("<h1>Your events</h1>");
    }

    @Test
    void theEventPageInWelshSaysWhatIsStillToArrangeAndByWhenInWelsh() {
        assertThat(page("/organiser/events/e-1", "cy"))
                .contains("<h2 id=\"support-plan-heading\">Cymorth i’w drefnu</h2>")
                .contains("1 i’w trefnu o hyd, erbyn Dydd Mercher 3 Chwefror 2027 (7 diwrnod cyn).")
                .contains("Cyfieithydd Iaith Arwyddion Prydain (BSL)", "Mynediad heb risiau")
                .contains("Wedi’i drefnu</strong> ar <span>Dydd Mercher 20 Ionawr 2027</span>")
                .contains("<h2 id=\"invitations-heading\">Gwahoddiadau</h2>")
                .doesNotContain("Support to arrange", "still to arrange", "??organiser");
    }

    @Test
    void theEventPageInArabicNamesTheNeedsAndTheDeadlineInArabic() {
        assertThat(page("/organiser/events/e-1", "ar"))
                .contains("<html lang=\"ar\" dir=\"rtl\"")
                .contains("<h2 id=\"support-plan-heading\">الدعم الذي يجب ترتيبه</h2>")
                .contains("لا يزال 1 بحاجة إلى ترتيب، بحلول الأربعاء 3 فبراير 2027 (قبل 7 أيام).")
                .contains("مترجم لغة الإشارة البريطانية (BSL)", "Riley، Sam")
                .doesNotContain("Support to arrange", "??organiser");
    }

    @Test
    void aRefusedFormInArabicSaysWhatIsWrongInArabicAtTheField() {
        services.problem("POST /api/events", 400, """
                {"type":"https://convene.dev/problems/invalid-request","status":400,
                 "detail":"Please correct the fields listed in errors; nothing was saved.",
                 "errors":[{"field":"title","message":"must not be blank"},
                           {"field":"venue.name","message":"size must be between 1 and 200"}]}""");
        var page = client.post()
                .uri("/organiser/events")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + TestTokens.shared().organiserOf("org-a"))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "ar")
                .header("X-Convene-Csrf", CSRF)
                .body(BodyInserters.fromFormData("_csrf", CSRF).with("title", " "))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page)
                .contains("<title>خطأ: إنشاء فعالية – Convene</title>")
                .contains("<a href=\"#title\">أدخل العنوان</a>", "<a href=\"#venue-name\">اسم المكان طويل جدًا</a>")
                .contains("<label for=\"title\">العنوان</label>");
    }

    @Test
    void theBookingRequestsInboxInWelshCountsAndNamesInWelsh() {
        services.answer("GET /api/organisations/org-a/booking-requests", 200, "[]");
        assertThat(page("/organiser/requests", "cy"))
                .contains("<h1>Ceisiadau archebu</h1>", "0 cais", "<option value=\"\">Pob statws</option>")
                .doesNotContain("??organiser");
    }

    @Test
    void everyOrganiserPageRendersInEveryLanguageWithNoWordMissing() {
        services.answer("GET /api/organisations/org-a/booking-requests", 200, "[]");
        services.respond(
                "GET /api/organisations/org-a/booking-requests/q-1",
                any -> BookingRequestPagesTests.tagged(200, BookingRequestPagesTests.REQUEST, "\"4\""));
        services.respond(
                "GET /api/organisations/org-a/offerings",
                any -> BookingRequestPagesTests.tagged(200, BookingRequestPagesTests.OFFERED, "\"2\""));
        services.answer("GET /api/newsletters", 200, "[" + NEWSLETTER + "]");
        services.answer("GET /api/newsletters/n-1", 200, NEWSLETTER);
        for (var language : java.util.List.of("en-GB", "cy", "ar")) {
            for (var path : java.util.List.of(
                    "/organiser",
                    "/organiser/events/new",
                    "/organiser/events/e-1/edit",
                    "/organiser/events/e-1?done=deadline",
                    "/organiser/newsletters",
                    "/organiser/newsletters/n-1",
                    "/organiser/offerings",
                    "/organiser/requests",
                    "/organiser/requests/q-1")) {
                assertThat(page(path, language))
                        .as("%s in %s", path, language)
                        .contains("<html lang=\"" + language + "\"")
                        .doesNotContain("??");
            }
        }
    }

    static final String NEWSLETTER = """
            {"id":"n-1","subject":"Spring <b>news</b>","markdown":"Hello","html":"<p>Hello</p>","topics":["workshops"],
             "status":"SENDING","sendAt":null,"createdAt":"2027-01-05T10:00:00Z",
             "progress":{"recipientsKnown":true,"recipients":1200,"sent":600,"failed":1,"skipped":2,"cancelled":0,
                         "remaining":597,"percentDone":50}}""";

    private String page(String path, String language) {
        var request = client.get()
                .uri(path)
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + TestTokens.shared().organiserOf("org-a"));
        if (language != null) {
            request = request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return request.exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
