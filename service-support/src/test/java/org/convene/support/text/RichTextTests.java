package org.convene.support.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Output is safe even for descriptions stored before input checks existed, or written to slip past them. */
class RichTextTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hello <script>alert('x')</script>",
                "[click](javascript:alert(1))",
                "<img src=x onerror=\"alert(2)\">",
                "<a href=\"JaVaScRiPt:alert(3)\">a</a>",
                "<a href=\"java&#x09;script:alert(4)\">tab</a>",
                "<svg onload=alert(5)>",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<div style=\"background:url(javascript:alert(6))\">x</div>"
            })
    void neverLetsActiveContentThrough(String markdown) {
        var html = RichText.toSafeHtml(markdown);
        assertThat(html == null ? "" : html.toLowerCase())
                .doesNotContain("<script", "javascript:", "onerror", "onload", "<iframe", "style=", "alert(2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"**bold** and _italic_", "- one\n- two", "## Heading", "[safe](https://example.org)"})
    void keepsFormattingListsHeadingsAndSafeLinks(String markdown) {
        var html = RichText.toSafeHtml(markdown);
        assertThat(html).containsAnyOf("<strong>", "<li>", "<h2>", "href=\"https://example.org\"");
    }
}
