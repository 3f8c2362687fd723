package org.convene.support.text;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextPolicyTests {

    /** Real people's names, as they write them. Every one must be accepted. */
    static List<String> realNames() {
        return List.of(
                "Sam",
                "O'Brien",
                "Siobhán O’Sullivan",
                "Mary-Jane Smith-Jones",
                "Zoë Brontë",
                "Ñuño Peña",
                "José María Aznar",
                "Llŷr Ifans",
                "Siân Phillips",
                "Dafydd ap Gruffydd",
                "محمد عبد الله",
                "فاطمة الزهراء",
                "زهرا\u200cسادات", // Persian, with the zero-width non-joiner its spelling needs
                "王秀英",
                "山田 太郎",
                "김민준",
                "देवनागरी शर्मा",
                "क्\u200dष", // Devanagari with a zero-width joiner after the virama
                "Αλέξανδρος",
                "Дмитрий Иванов",
                "Nguyễn Thị Minh Khai",
                "Ngũgĩ wa Thiong'o",
                "Þórunn Guðmundsdóttir",
                "Łukasz Żółć",
                "Ólafur Ragnar",
                "Beyoncé 🌟",
                "Sam 👍🏽",
                "Alex 👨\u200d👩\u200d👧\u200d👦",
                "Kim 👩🏾\u200d💻",
                "Jo 🏳\ufe0f\u200d🌈",
                "Rhys 🏴\udb40\udc67\udb40\udc62\udb40\udc77\udb40\udc6c\udb40\udc73\udb40\udc7f",
                "Robin ❤\ufe0f",
                "Ali & Sam <3",
                "St. John-Smythe Jr.",
                "+44 (0)113 496 0000");
    }

    /** What an attacker or a broken client sends as a name or a title. Every one must be refused. */
    static List<String> hostileSingleLines() {
        return List.of(
                "Eve\r\nBcc: victim@example.org",
                "Eve\nBcc: victim@example.org",
                "Eve\rX",
                "tab\tseparated",
                "null\u0000byte",
                "bell\u0007",
                "escape\u001b[31mred",
                "del\u007f",
                "c1\u0085next line",
                "line\u2028separator",
                "para\u2029separator",
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "</title>",
                "<!-- comment -->",
                "<?xml version='1.0'?>",
                "Sam <b>bold</b>",
                "Sam \u202egnp.exe",
                "\u202aembedded",
                "\u202bembedded",
                "\u202cpop",
                "\u202doverride",
                "\u2066isolate\u2069",
                "\u2067isolate",
                "\u2068isolate",
                "Sam\u200e",
                "Sam\u200f",
                "Sam\u061c",
                "Sa\u200bm",
                "\u200b",
                "Sa\u200cm",
                "Sa\u200dm",
                "\u200d👍",
                "👍\u200d",
                "Sam\u2060",
                "\ufeffSam",
                "Sam\u00adson",
                "\u3164",
                "Sam\u3164",
                "\u2800",
                "Rhys \udb40\udc67\udb40\udc62", // tag characters outside a flag sequence
                "broken\ud800");
    }

    @ParameterizedTest
    @MethodSource("realNames")
    void acceptsRealNamesInAnyScriptWithApostrophesHyphensAccentsAndEmoji(String name) {
        assertThat(TextPolicy.singleLine(name)).isEmpty();
        assertThat(TextPolicy.multiLine(name)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("hostileSingleLines")
    void refusesControlDirectionInvisibleAndMarkupCharactersOnOneLine(String hostile) {
        assertThat(TextPolicy.singleLine(hostile)).isPresent();
    }

    @Test
    void saysWhichRuleWasBroken() {
        assertThat(TextPolicy.singleLine("Eve\r\nBcc: victim@example.org")).contains(TextPolicy.CONTROL_SINGLE);
        assertThat(TextPolicy.singleLine("Sam \u202egnp.exe")).contains(TextPolicy.BIDI);
        assertThat(TextPolicy.singleLine("Sa\u200bm")).contains(TextPolicy.INVISIBLE);
        assertThat(TextPolicy.singleLine("<script>alert(1)</script>")).contains(TextPolicy.MARKUP);
    }

    @Test
    void acceptsLessThanThatIsNotATag() {
        assertThat(TextPolicy.singleLine("I <3 pizza")).isEmpty();
        assertThat(TextPolicy.singleLine("ages 16 < 25")).isEmpty();
        assertThat(TextPolicy.singleLine("<")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "## Plan\n\n- talk\n- **eat pizza**",
                "Line one\r\nLine two",
                "Columns\tand tabs",
                "Mixed direction: שלום\u200f and hello",
                "[Map](https://maps.example/hall)",
                "Ages 16 < 25, and <3 for pizza"
            })
    void keepsLineBreaksAndOrdinaryProseInMultiLineText(String text) {
        assertThat(TextPolicy.multiLine(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hello <script>alert('x')</script>",
                "[click](javascript:alert(1))",
                "<img src=x onerror=\"alert(2)\">",
                "null\u0000byte",
                "escape\u001b[31m",
                "Trojan \u202esource",
                "\u2066isolated\u2069",
                "broken\ud800"
            })
    void refusesControlsOverridesAndActiveContentInMultiLineText(String hostile) {
        assertThat(TextPolicy.multiLine(hostile)).isPresent();
    }

    record Person(
            @SingleLineText String name, @MultiLineText String notes) {}

    @Test
    void constraintsReportThePolicysMessageOnTheField() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            var violations = factory.getValidator().validate(new Person("Eve\r\nBcc: x@example.org", "a\u0000b"));
            assertThat(violations)
                    .extracting(v -> v.getPropertyPath().toString() + " " + v.getMessage())
                    .containsExactlyInAnyOrder(
                            "name " + TextPolicy.CONTROL_SINGLE, "notes " + TextPolicy.CONTROL_MULTI);
            assertThat(factory.getValidator().validate(new Person("Zoë O’Brien 👩🏾\u200d💻", "Line\nbreak")))
                    .isEmpty();
            assertThat(factory.getValidator().validate(new Person(null, null))).isEmpty();
        }
    }
}
