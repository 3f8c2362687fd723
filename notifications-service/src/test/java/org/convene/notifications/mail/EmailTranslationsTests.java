package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every email in every language and reading mode (issue 21): both parts render from the bundles with no
 * key left unresolved, in the right language and direction; the bundles are complete in every language;
 * the templates hold no words of their own.
 */
class EmailTranslationsTests {

    static final List<String> KINDS = List.of(
            "confirmation",
            "waitlisted",
            "promoted",
            "cancelled",
            "rescheduled",
            "reminder",
            "support-alert",
            "support-arranged",
            "support-digest",
            "subscription-confirmation",
            "request-received",
            "request-new",
            "request-reply",
            "newsletter");

    static final String MACHINE_MADE =
            "# Machine-made translation (2026-12); to be reviewed by a native speaker before release.";

    private final EmailTemplates templates = new EmailTemplates();

    static Stream<Arguments> everyEmail() {
        return KINDS.stream()
                .flatMap(kind -> EmailTemplates.LANGUAGES.stream()
                        .flatMap(language -> Stream.of(false, true).map(easy -> Arguments.of(kind, language, easy))));
    }

    @ParameterizedTest(name = "{0} in {1}, Easy Read {2}")
    @MethodSource("everyEmail")
    void everyEmailRendersBothPartsInItsLanguageAndDirection(String kind, String language, boolean easyRead) {
        var reading = EmailTemplates.Reading.of(language, easyRead);

        var rendered = templates.render(kind, "Subject", model(), reading);

        var rtl = language.equals("ar");
        assertThat(rendered.html())
                .contains("<html lang=\"" + language + "\" dir=\"" + (rtl ? "rtl" : "ltr") + "\"")
                .doesNotContain("??", " th:", "${", "#{", "[[");
        assertThat(rendered.text()).isNotBlank().doesNotContain("??", "${", "#{", "[[", "[#", "<p>");
        var easy = easyRead && EmailTemplates.EASY_READ_KINDS.contains(kind);
        var heading = easy
                ? templates.message("easy." + kind + ".heading", reading.locale())
                : headingOf(kind, reading.locale());
        assertThat(rendered.html()).contains(escaped(heading));
        if (!language.equals("en-GB")) {
            var english = easy ? templates.message("easy." + kind + ".heading", Locale.UK) : headingOf(kind, Locale.UK);
            assertThat(heading).isNotEqualTo(english);
        }
        if (easy) {
            assertThat(rendered.html()).contains("cid:clock", "cid:message-circle", "font-size: 22px");
            assertThat(rendered.inline())
                    .extracting(EmailTemplates.Inline::contentId)
                    .containsExactlyInAnyOrderElementsOf(EmailTemplates.PICTOGRAMS);
            assertThat(rendered.text())
                    .contains(templates.message("easy.when.date", reading.locale(), "Wednesday 10 March 2027"));
        } else {
            assertThat(rendered.inline()).isEmpty();
        }
    }

    @Test
    void aWelshConfirmationIsInWelshFromGreetingToLink() {
        var rendered = templates.render("confirmation", "Subject", model(), EmailTemplates.Reading.of("cy", false));

        assertThat(rendered.text())
                .contains(
                        "Helo Sam,",
                        "Mae eich lle wedi'i gadarnhau ar gyfer Peer research workshop.",
                        "Pryd: Wednesday 10 March 2027",
                        "I weld, newid neu ganslo eich cofrestriad")
                .doesNotContain("Hello", "Your place is confirmed");
    }

    @Test
    void anArabicEmailRunsRightToLeftAndKeepsWhatTheOrganiserWrote() {
        var rendered = templates.render("confirmation", "Subject", model(), EmailTemplates.Reading.of("ar", false));

        assertThat(rendered.html()).contains("dir=\"rtl\"", "lang=\"ar\"", "Peer research workshop", "تم تأكيد مكانك");
    }

    @Test
    void anEasyReadWaitingListEmailGivesThePlaceInTheQueueOnALineOfItsOwn() {
        var rendered = templates.render("waitlisted", "Subject", model(), EmailTemplates.Reading.of("en-GB", true));

        assertThat(rendered.text())
                .contains("Peer research workshop is full now.\n", "Your number on the list is 3.\n")
                .doesNotContain("Places:");
    }

    @Test
    void englishStaysWordForWord() {
        var rendered = templates.render("confirmation", "Subject", model());

        assertThat(rendered.text())
                .startsWith("Hello Sam,\n\nYour place is confirmed for Peer research workshop.\n\n")
                .contains(
                        "When: Wednesday 10 March 2027, 10:00 am (Europe/London)\n",
                        "Where: Community Hall, 12 Market Street, Leeds LS1 6DT\n",
                        "Places: 2 (you and 1 coming with you)\n",
                        "You asked for: BSL interpreter. The organiser has been told and will be in touch if anything"
                                + " is unclear.\n",
                        "To see, change or cancel your registration, use your private link:\n",
                        "Keep this link to yourself: anyone with it can change your registration.\n");
        assertThat(rendered.html()).contains("<title>You&#39;re booked</title>", "Manage my registration");
    }

    /** The bundles of notifications-service: its emails' and its newsletter pages'. */
    static Stream<Arguments> translations() {
        return Stream.of("emails", "pages")
                .flatMap(name -> Stream.of("cy", "ar").map(language -> Arguments.of(name, language)));
    }

    static Stream<String> everyBundle() {
        return Stream.of("emails", "pages")
                .flatMap(name -> Stream.of("", "_cy", "_ar").map(suffix -> name + suffix));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("translations")
    void everyMessageExistsInEveryLanguageAndTheTranslationsSayTheyAreMachineMade(String name, String language)
            throws IOException {
        var english = bundle("i18n/" + name + ".properties");
        var translated = bundle("i18n/" + name + "_" + language + ".properties");

        assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        assertThat(firstLine("i18n/" + name + "_" + language + ".properties")).isEqualTo(MACHINE_MADE);
    }

    @ParameterizedTest
    @MethodSource("everyBundle")
    void everyMessageIsAValidMessageFormatWithItsQuotesDoubled(String bundle) throws IOException {
        var messages = bundle("i18n/" + bundle + ".properties");

        for (var key : messages.stringPropertyNames()) {
            var value = messages.getProperty(key);
            assertThat(value).as(key).doesNotContainPattern("(?<!')'(?!')");
            new MessageFormat(value, Locale.UK);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_cy", "_ar"})
    void easyReadSentencesHaveFifteenWordsAtMost(String suffix) throws IOException {
        var messages = bundle("i18n/emails" + suffix + ".properties");

        for (var key : messages.stringPropertyNames()) {
            if (key.startsWith("easy.")) {
                for (var sentence : messages.getProperty(key).split("[.?!:]\\s+")) {
                    assertThat(sentence.strip().split("\\s+")).as(key).hasSizeLessThanOrEqualTo(15);
                }
            }
        }
    }

    @Test
    void noTemplateHoldsWordsOfItsOwn() throws IOException {
        var found = new ArrayList<String>();
        for (var folder : List.of("templates/email", "templates/pages")) {
            try (var files = Files.list(Path.of("src/main/resources", folder))) {
                for (var file : files.toList()) {
                    var words = Files.readString(file)
                            .replaceAll("(?s)<!--.*?-->", "")
                            .replaceAll("(?s)<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", "")
                            .replaceAll("\\[\\[.*?]]|\\[\\(.*?\\)]|\\[#[^]]*]|\\[/]", "")
                            .replaceAll("&[a-z]+;", "");
                    if (words.codePoints().anyMatch(Character::isLetter)) {
                        found.add(file.getFileName() + ": " + words.strip().replaceAll("\\s+", " "));
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private String headingOf(String kind, Locale locale) {
        return switch (kind) {
            // The newsletter's heading is the organiser's subject: its footer is ours.
            case "newsletter" -> templates.message("email.newsletter.change", locale);
            default -> templates.message("email." + kind + ".heading", locale);
        };
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    private static Properties bundle(String path) throws IOException {
        var properties = new Properties();
        try (var in = EmailTranslationsTests.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    private static String firstLine(String path) throws IOException {
        try (var in = EmailTranslationsTests.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .findFirst()
                    .orElse("");
        }
    }

    static Map<String, Object> model() {
        var model = new HashMap<String, Object>();
        model.put("name", "Sam");
        model.put("sender", "Voices of Care");
        model.put("title", "Peer research workshop");
        model.put("when", "Wednesday 10 March 2027, 10:00 am");
        model.put("easyDate", "Wednesday 10 March 2027");
        model.put("easyTime", "10:00 am");
        model.put("timeZone", "Europe/London");
        model.put("online", false);
        model.put("onlineLink", null);
        model.put("venueName", "Community Hall");
        model.put("venueAddress", "12 Market Street, Leeds");
        model.put("venuePostcode", "LS1 6DT");
        model.put("accessibility", List.of("Step free access"));
        model.put("seats", 2);
        model.put("companions", List.of("CARER"));
        model.put("group", List.of());
        model.put("groupWaiting", List.of());
        model.put("position", 3);
        model.put("bring", true);
        model.put("manageLink", "https://convene.example/manage/abc");
        model.put("confirmLink", "https://convene.example/newsletter/confirm/abc");
        model.put("support", List.of("BSL interpreter"));
        model.put("arranged", List.of(Map.of("need", "BSL interpreter", "note", "Sam will meet you")));
        model.put(
                "events",
                List.of(Map.of(
                        "title", "Peer research workshop",
                        "when", "Wednesday 10 March 2027, 10:00 am",
                        "timeZone", "Europe/London",
                        "arrangeBy", "Wednesday 3 March 2027, 10:00 am",
                        "needs", List.of(Map.of("words", "BSL interpreter", "people", "2 people")))));
        model.put("eventCancelled", false);
        model.put("reason", null);
        model.put("requestKind", "a keynote");
        model.put("requesterOrganisation", "Leeds City Council");
        model.put("replyText", "Yes, we can.");
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
