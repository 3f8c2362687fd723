package org.convene.journeys.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Accessibility checks run in the real browser, on the page as the journey left it. */
public final class Accessibility {

    // axe-core has no wcag22a tag: the WCAG 2.2 level A criteria cannot be checked automatically.
    private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");

    private Accessibility() {}

    /**
     * Runs axe-core against WCAG 2.0, 2.1 and 2.2 A and AA, and fails naming every serious or
     * critical violation with the elements it found it on. Moderate and minor ones are printed, not
     * failed: they need a person's judgement more often than not.
     */
    public static void assertNoSeriousViolations(Page page, String pageName) {
        var results = new AxeBuilder(page).withTags(WCAG_A_AA).analyze();
        if (results.isErrored()) {
            throw new AssertionError("axe-core could not check " + pageName + ": " + results.getErrorMessage());
        }
        var byFailing = results.getViolations().stream()
                .collect(Collectors.partitioningBy(rule -> FAILING_IMPACTS.contains(rule.getImpact())));
        var advisory = byFailing.get(false);
        if (!advisory.isEmpty()) {
            System.out.println("Accessibility notes for " + pageName + " (not failing):\n" + describe(advisory));
        }
        var failing = byFailing.get(true);
        if (!failing.isEmpty()) {
            throw new AssertionError(pageName + " (" + page.url() + ") has " + failing.size()
                    + " serious or critical accessibility violation(s):\n" + describe(failing));
        }
    }

    /**
     * WCAG 1.4.10 Reflow: at 320 CSS px (see {@link Browsers#narrow}) the page must not scroll
     * sideways. One pixel of slack absorbs rounding of fractional widths.
     *
     * <p>Content in a {@code position: fixed} box wider than the window is cut off rather than
     * scrollable, so it does not widen the document and this check does not see it: look at the
     * screenshot of such a page.
     */
    public static void assertNoHorizontalScroll(Page page) {
        @SuppressWarnings("unchecked")
        var measured = (Map<String, Object>) page.evaluate("""
                () => {
                  const width = window.innerWidth;
                  const wide = [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > width + 1)
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                      + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ' px)');
                  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide: wide};
                }""");
        var scrollWidth = ((Number) measured.get("scrollWidth")).intValue();
        var innerWidth = ((Number) measured.get("innerWidth")).intValue();
        if (scrollWidth > innerWidth + 1) {
            throw new AssertionError(page.url() + " scrolls sideways at " + innerWidth + " px: its content is "
                    + scrollWidth + " px wide. Too wide: " + measured.get("wide"));
        }
    }

    private static String describe(List<Rule> rules) {
        return rules.stream()
                .map(rule -> "- " + rule.getId() + " [" + rule.getImpact() + "] " + rule.getHelp() + " ("
                        + rule.getHelpUrl() + ")\n"
                        + rule.getNodes().stream()
                                .map(node -> "    at " + node.getTarget())
                                .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }
}
