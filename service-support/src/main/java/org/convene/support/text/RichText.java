package org.convene.support.text;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Organisers write Markdown (event descriptions, newsletters); pages and emails get HTML with only formatting, lists, headings,
 * tables and http(s)/mailto links. Scripts, event handlers, styles and {@code javascript:} links
 * never survive, whatever the Markdown contains (raw HTML included).
 */
public final class RichText {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder().sanitizeUrls(true).build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowUrlProtocols("https", "http", "mailto")
                    .allowAttributes("href")
                    .onElements("a")
                    .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
                    .toFactory())
            .and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "br")
                    .toFactory());

    private RichText() {}

    public static @Nullable String toSafeHtml(@Nullable String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return null;
        }
        return POLICY.sanitize(HTML.render(MARKDOWN.parse(markdown)));
    }
}
