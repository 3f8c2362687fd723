package org.convene.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The organiser pages' bundles (issue 21): every key in every language, machine-made translations marked for
 * review, every key the templates and the organiser classes name present, patterns MessageFormat can read,
 * and no words left in the organiser templates themselves.
 */
class OrganiserBundlesTests {

    static final Path I18N = Path.of("src/main/resources/i18n");
    static final Path TEMPLATES = Path.of("src/main/resources/templates/organiser");
    static final Path CODE = Path.of("src/main/java/org/convene/web/organiser");
    /** Rebuilt by the check-in helper with its own bundle (i18n/check-in). */
    static final Set<String> NOT_OURS = Set.of("check-in.html");

    static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{(organiser\\.[A-Za-z0-9._-]+)");
    static final Pattern CODE_KEY = Pattern.compile("\"(organiser\\.[A-Za-z0-9._-]*[A-Za-z0-9_-])\"");
    static final Pattern WORDY_ATTRIBUTE =
            Pattern.compile("\\s(title|alt|aria-label|placeholder|data-label|value)=\"([^\"]*\\p{L}{2}[^\"]*)\"");

    @Test
    void welshAndArabicHaveEveryKeyOfEnglishAndNoOther() throws IOException {
        var english = load("organiser.properties").stringPropertyNames();
        for (var language : List.of("cy", "ar")) {
            var translated = load("organiser_" + language + ".properties");
            assertThat(new TreeSet<>(translated.stringPropertyNames()))
                    .as("keys of organiser_%s.properties", language)
                    .isEqualTo(new TreeSet<>(english));
            assertThat(translated.stringPropertyNames())
                    .allSatisfy(key ->
                            assertThat(translated.getProperty(key)).as(key).isNotBlank());
        }
    }

    @Test
    void machineMadeTranslationsSaySoForANativeSpeakerToReview() throws IOException {
        for (var language : List.of("cy", "ar")) {
            assertThat(Files.readAllLines(I18N.resolve("organiser_" + language + ".properties"), StandardCharsets.UTF_8)
                            .getFirst())
                    .isEqualTo(
                            "# Machine-made translation (2026-12); to be reviewed by a native speaker before release.");
        }
    }

    @Test
    void everyMessageWithArgumentsIsAPatternThatKeepsItsApostrophes() throws IOException {
        for (var file : List.of("organiser.properties", "organiser_cy.properties", "organiser_ar.properties")) {
            var messages = load(file);
            for (var key : messages.stringPropertyNames()) {
                var message = messages.getProperty(key);
                if (message.contains("{0}")) {
                    // A straight apostrophe starts a quoted part in MessageFormat: the words after it would be lost.
                    assertThat(message).as("%s in %s", key, file).doesNotContain("'");
                    assertThat(new MessageFormat(message, Locale.ROOT)
                                    .format(new Object[] {"a", "b", "c", "d", "e", "f"}))
                            .as("%s in %s", key, file)
                            .doesNotContain("{");
                }
            }
        }
    }

    @Test
    void everyKeyTheTemplatesAndTheOrganiserClassesNameIsInTheBundle() throws IOException {
        var english = load("organiser.properties").stringPropertyNames();
        var named = new TreeSet<String>();
        for (var template : templates()) {
            var matcher = TEMPLATE_KEY.matcher(Files.readString(template));
            while (matcher.find()) {
                named.add(matcher.group(1));
            }
        }
        try (Stream<Path> sources = Files.list(CODE)) {
            for (var source : sources.toList()) {
                var matcher = CODE_KEY.matcher(Files.readString(source));
                while (matcher.find()) {
                    named.add(matcher.group(1));
                }
            }
        }
        assertThat(named).isNotEmpty();
        assertThat(english).containsAll(named);
    }

    @Test
    void theOrganiserTemplatesHoldNoWordsOfTheirOwn() throws IOException {
        var found = new ArrayList<String>();
        for (var template : templates()) {
            var html = Files.readString(template).replaceAll("(?s)<!--.*?-->", "");
            var text = new StringBuilder();
            var tag = new StringBuilder();
            boolean inTag = false;
            char quote = 0;
            for (var c : html.toCharArray()) {
                if (!inTag) {
                    if (c == '<') {
                        if (text.toString().codePoints().anyMatch(Character::isLetter)) {
                            found.add(template.getFileName() + ": "
                                    + text.toString().strip());
                        }
                        text.setLength(0);
                        inTag = true;
                    } else {
                        text.append(c);
                    }
                } else if (quote != 0) {
                    tag.append(c);
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    tag.append(c);
                    quote = c;
                } else if (c == '>') {
                    var attribute = WORDY_ATTRIBUTE.matcher(tag);
                    while (attribute.find()) {
                        if (!attribute.group(1).equals("value")
                                || tag.toString().matches("(?s)input\\b.*type=\"(submit|button)\".*")) {
                            found.add(template.getFileName() + ": " + attribute.group());
                        }
                    }
                    tag.setLength(0);
                    inTag = false;
                } else {
                    tag.append(c);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".html"))
                    .filter(file -> !NOT_OURS.contains(file.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    private static Properties load(String file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(I18N.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
