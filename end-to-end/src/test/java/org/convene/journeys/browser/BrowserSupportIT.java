package org.convene.journeys.browser;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the browser support both passes and fails: against tiny pages served from this JVM, one
 * accessible, one not, one too wide for 320 px. No Convene service is started.
 */
class BrowserSupportIT {

    private static final String HEAD = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>%s</title>
            </head>
            """;

    private static final String LOGO =
            "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='40' height='40'%3E"
                    + "%3Crect width='40' height='40' fill='%23234'/%3E%3C/svg%3E";

    private static final Map<String, String> PAGES = Map.of(
            "/good", HEAD.formatted("Book a place") + """
                    <body>
                      <main>
                        <h1>Book a place</h1>
                        <img src="%s" alt="Convene">
                        <form>
                          <label for="email">Email address</label>
                          <input id="email" name="email" type="email" autocomplete="email">
                          <button type="submit">Book</button>
                        </form>
                      </main>
                    </body>
                    </html>""".formatted(LOGO),
            "/bad", HEAD.formatted("Book a place") + """
                    <body>
                      <main>
                        <h1>Book a place</h1>
                        <img id="logo" src="%s">
                        <form>
                          <input id="name" name="name" type="text">
                          <button type="submit">Book</button>
                        </form>
                      </main>
                    </body>
                    </html>""".formatted(LOGO),
            "/wide", HEAD.formatted("Timetable") + """
                    <body>
                      <main>
                        <h1>Timetable</h1>
                        <div id="timetable" style="width: 600px">A table that does not reflow</div>
                      </main>
                    </body>
                    </html>""");

    private static HttpServer server;
    private static String baseUrl;

    @BeforeAll
    static void servePages() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            var page = PAGES.get(exchange.getRequestURI().getPath());
            var body = (page == null ? "Not found" : page).getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServing() {
        Browsers.close();
        server.stop(0);
    }

    @Test
    void anAccessiblePagePassesTheAxeCheck() {
        onPage(Browsers.desktop(baseUrl), "/good", page -> Accessibility.assertNoSeriousViolations(page, "good page"));
    }

    @Test
    void anUnlabelledInputAndAnImageWithoutAltFailTheAxeCheckByName() {
        onPage(
                Browsers.phone(baseUrl),
                "/bad",
                page -> assertThatThrownBy(() -> Accessibility.assertNoSeriousViolations(page, "bad page"))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("bad page")
                        .hasMessageContaining("- label [critical]")
                        .hasMessageContaining("#name")
                        .hasMessageContaining("- image-alt [critical]")
                        .hasMessageContaining("#logo"));
    }

    @Test
    void aScreenshotIsWrittenAsAPng() throws IOException {
        var file = fromPage(Browsers.phone(baseUrl), "/good", page -> Screenshots.save(page, "browser-support-phone"));

        assertThat(file).isEqualTo(Screenshots.directory().resolve("browser-support-phone.png"));
        var bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }

    @Test
    void aPageThatReflowsHasNoHorizontalScrollAt320Px() {
        onPage(Browsers.narrow(baseUrl), "/good", Accessibility::assertNoHorizontalScroll);
    }

    @Test
    void aFixedWidthElementWiderThan320PxFailsTheReflowCheck() {
        onPage(
                Browsers.narrow(baseUrl),
                "/wide",
                page -> assertThatThrownBy(() -> Accessibility.assertNoHorizontalScroll(page))
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining("at 320 px")
                        .hasMessageContaining("div#timetable"));
    }

    @Test
    void aMissingChromiumIsReportedWithHowToInstallIt() {
        assertThatThrownBy(() -> Browsers.chromium(Path.of("/nonexistent/chromium")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/chromium")
                .hasMessageContaining("apt-get install -y chromium")
                .hasMessageContaining(Browsers.EXECUTABLE_ENV);
    }

    private static void onPage(BrowserContext context, String path, Consumer<Page> check) {
        fromPage(context, path, page -> {
            check.accept(page);
            return null;
        });
    }

    private static <T> T fromPage(BrowserContext context, String path, Function<Page, T> check) {
        try (context) {
            var page = context.newPage();
            var response = page.navigate(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            return check.apply(page);
        }
    }
}
