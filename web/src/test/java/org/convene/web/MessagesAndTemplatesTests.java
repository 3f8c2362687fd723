package org.convene.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Every word of the pages comes from the i18n bundles, in every language (issue 21): a key missing in one
 * language, a message key a template uses that no bundle has, or text written in a template fails here.
 */
class MessagesAndTemplatesTests {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final List<String> LANGUAGES = List.of("cy", "ar");

    /** Attributes people read or hear: text written in them must come from a bundle too. */
    private static final List<String> SPOKEN_ATTRIBUTES = List.of("title", "alt", "aria-label", "placeholder");

    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)\\s*[}(]");

    @Test
    void everyBundleHasEveryKeyInEveryLanguageAndNoEmptyMessage() throws IOException {
        var bases = bases();
        assertThat(bases).contains("messages");
        var problems = new ArrayList<String>();
        for (var base : bases) {
            var english = load(BUNDLES.resolve(base + ".properties"));
            for (var language : LANGUAGES) {
                var file = BUNDLES.resolve(base + "_" + language + ".properties");
                if (!Files.exists(file)) {
                    problems.add(file + " is missing");
                    continue;
                }
                var translated = load(file);
                var missing = new TreeSet<>(english.stringPropertyNames());
                missing.removeAll(translated.stringPropertyNames());
                var extra = new TreeSet<>(translated.stringPropertyNames());
                extra.removeAll(english.stringPropertyNames());
                missing.forEach(key -> problems.add(file.getFileName() + " lacks " + key));
                extra.forEach(key -> problems.add(file.getFileName() + " has " + key + ", which English has not"));
                translated.stringPropertyNames().stream()
                        .filter(key -> translated.getProperty(key).isBlank())
                        .forEach(key -> problems.add(file.getFileName() + " leaves " + key + " empty"));
            }
            english.stringPropertyNames().stream()
                    .filter(key -> english.getProperty(key).isBlank())
                    .forEach(key -> problems.add(base + ".properties leaves " + key + " empty"));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMessageKeyATemplateNamesIsInABundle() throws IOException {
        var known = new HashSet<String>();
        for (var base : bases()) {
            known.addAll(load(BUNDLES.resolve(base + ".properties")).stringPropertyNames());
        }
        var unknown = new ArrayList<String>();
        for (var template : templates()) {
            var matcher = MESSAGE_KEY.matcher(Files.readString(TEMPLATES.resolve(template)));
            while (matcher.find()) {
                if (!known.contains(matcher.group(1))) {
                    unknown.add(template + ": " + matcher.group(1));
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void noTemplateWritesTextOfItsOwn() throws IOException {
        var literal = new ArrayList<String>();
        for (var template : templates()) {
            var document = Jsoup.parse(TEMPLATES.resolve(template).toFile(), StandardCharsets.UTF_8.name());
            look(document, template, literal);
        }
        assertThat(literal).isEmpty();
    }

    @Test
    void theCheckFindsTextWrittenInATemplate() {
        var literal = new ArrayList<String>();
        look(Jsoup.parse("""
                        <main><h1 th:text="#{list.title}">Example</h1><p>Written here</p>
                        <img src="/x.svg" alt="A picture"><button th:text="#{group.add}">Add</button>
                        <input type="submit" value="Send"><span>: </span></main>"""), "example.html", literal);
        assertThat(literal)
                .containsExactlyInAnyOrder(
                        "example.html: text \"Written here\"",
                        "example.html: alt=\"A picture\"",
                        "example.html: value=\"Send\"");
    }

    /**
     * Text nodes with a letter in them outside elements whose content an expression replaces, and spoken
     * attributes written without a {@code th:} counterpart.
     */
    private static void look(Element root, String template, List<String> literal) {
        for (var element : root.getAllElements()) {
            if (replaced(element.parent())) {
                continue;
            }
            if (!replaced(element)
                    && !element.tagName().equals("script")
                    && !element.tagName().equals("style")) {
                for (var text : element.textNodes()) {
                    if (hasLetter(text)) {
                        literal.add(template + ": text \"" + text.text().strip() + "\"");
                    }
                }
            }
            for (var attribute : SPOKEN_ATTRIBUTES) {
                if (element.hasAttr(attribute)
                        && hasLetter(element.attr(attribute))
                        && !element.hasAttr("th:" + attribute)) {
                    literal.add(template + ": " + attribute + "=\"" + element.attr(attribute) + "\"");
                }
            }
            var type = element.attr("type");
            if (element.tagName().equals("input")
                    && (type.equals("submit") || type.equals("button") || type.equals("reset"))
                    && hasLetter(element.attr("value"))
                    && !element.hasAttr("th:value")) {
                literal.add(template + ": value=\"" + element.attr("value") + "\"");
            }
        }
    }

    /** Whether an element's content (or the element itself) is replaced when the template renders. */
    private static boolean replaced(Element element) {
        for (var e = element; e != null; e = e.parent()) {
            if (e.hasAttr("th:text") || e.hasAttr("th:utext") || e.hasAttr("th:replace") || e.hasAttr("th:insert")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLetter(TextNode text) {
        return hasLetter(text.getWholeText());
    }

    private static boolean hasLetter(String text) {
        return text.codePoints().anyMatch(Character::isLetter);
    }

    private static List<String> bases() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".properties") && !name.contains("_"))
                    .map(name -> name.substring(0, name.length() - ".properties".length()))
                    .sorted()
                    .toList();
        }
    }

    private static List<String> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(file -> file.toString().endsWith(".html"))
                    .map(file -> TEMPLATES.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static Properties load(Path file) throws IOException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
