package org.convene.journeys.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium per test JVM, shared by every browser journey: each journey gets its own
 * {@link BrowserContext} (own cookies, storage and viewport), which costs milliseconds, while
 * starting the driver and the browser costs seconds.
 *
 * <p>The browser is Debian's {@code chromium} package, not a Playwright download: no browser build
 * can be fetched on these machines. Playwright objects are not thread-safe, so use them from the
 * test thread only.
 */
public final class Browsers {

    /** Overrides where Chromium is, for a machine whose Chromium is not Debian's. */
    public static final String EXECUTABLE_ENV = "CONVENE_CHROMIUM";

    static final Path DEBIAN_CHROMIUM = Path.of("/usr/bin/chromium");

    private static final List<String> ARGS = List.of(
            // Tests run as root here, and Chromium refuses to start its sandbox as root.
            "--no-sandbox",
            "--disable-gpu",
            // The closed network refuses Chromium's own background connections; without these it
            // keeps trying them, which only adds noise and delay.
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");

    /**
     * A screen the journeys check. {@code mobile} also turns on touch and honours the page's
     * {@code <meta name="viewport">}, as a phone does.
     */
    public record Viewport(String name, int width, int height, double deviceScaleFactor, boolean mobile) {

        public static final Viewport PHONE = new Viewport("phone", 375, 812, 2, true);
        public static final Viewport DESKTOP = new Viewport("desktop", 1280, 900, 1, false);

        /**
         * WCAG 1.4.10 Reflow: a 1280 px wide desktop window zoomed to 400% leaves 320 CSS px. Not a
         * phone, so the page gets no help from a viewport meta tag.
         */
        public static final Viewport NARROW_320 = new Viewport("narrow-320", 320, 640, 1, false);
    }

    private static Playwright playwright;
    private static Browser browser;
    private static boolean closeOnExit;

    private Browsers() {}

    /** A new context as a phone (375x812 at 2x, touch), whose relative URLs resolve against {@code baseUrl}. */
    public static BrowserContext phone(String baseUrl) {
        return open(Viewport.PHONE, baseUrl);
    }

    /** A new context as a desktop window (1280x900), whose relative URLs resolve against {@code baseUrl}. */
    public static BrowserContext desktop(String baseUrl) {
        return open(Viewport.DESKTOP, baseUrl);
    }

    /** A new context 320 CSS px wide, for the reflow check ({@link Accessibility#assertNoHorizontalScroll}). */
    public static BrowserContext narrow(String baseUrl) {
        return open(Viewport.NARROW_320, baseUrl);
    }

    /** A new, isolated context with the given viewport; close it when the journey ends. */
    public static synchronized BrowserContext open(Viewport viewport, String baseUrl) {
        return browser()
                .newContext(new Browser.NewContextOptions()
                        .setBaseURL(baseUrl)
                        .setViewportSize(viewport.width(), viewport.height())
                        .setDeviceScaleFactor(viewport.deviceScaleFactor())
                        .setIsMobile(viewport.mobile())
                        .setHasTouch(viewport.mobile()));
    }

    /** Closes the browser and its driver now; the next {@link #open} starts a new one. */
    public static synchronized void close() {
        if (playwright != null) {
            try {
                playwright.close();
            } finally {
                playwright = null;
                browser = null;
            }
        }
    }

    private static synchronized Browser browser() {
        if (browser != null) {
            return browser;
        }
        var executable = chromium(configuredExecutable());
        // Set here as well as in the failsafe configuration, so that a journey run from an IDE
        // does not try (and fail, slowly) to download Playwright's own browsers.
        var started = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            browser = started.chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(executable)
                            .setHeadless(true)
                            .setArgs(ARGS));
        } catch (PlaywrightException e) {
            started.close();
            throw new IllegalStateException("Chromium at " + executable + " did not start: " + e.getMessage(), e);
        }
        playwright = started;
        if (!closeOnExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(Browsers::close, "close-chromium"));
            closeOnExit = true;
        }
        return browser;
    }

    /**
     * A Chromium of its own whose camera shows {@code video} (a {@code .y4m} or {@code .mjpeg} file, played
     * in a loop) and which grants camera access without asking: for journeys that scan with the camera.
     * The fake camera is a launch flag, so it cannot be a context of the shared browser. Close it when
     * the journey ends.
     */
    public static synchronized Browser withFakeCamera(Path video) {
        browser();
        var args = new java.util.ArrayList<>(ARGS);
        args.add("--use-fake-device-for-media-stream");
        args.add("--use-fake-ui-for-media-stream");
        args.add("--use-file-for-fake-video-capture=" + video.toAbsolutePath());
        var executable = chromium(configuredExecutable());
        try {
            return playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(executable)
                            .setHeadless(true)
                            .setArgs(args));
        } catch (PlaywrightException e) {
            throw new IllegalStateException("Chromium at " + executable + " did not start: " + e.getMessage(), e);
        }
    }

    private static Path configuredExecutable() {
        var configured = System.getenv(EXECUTABLE_ENV);
        return configured == null || configured.isBlank() ? DEBIAN_CHROMIUM : Path.of(configured);
    }

    /** The executable, or a failure that says how to get one (Playwright's own says to download one). */
    static Path chromium(Path executable) {
        if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
            throw new IllegalStateException("No Chromium executable at " + executable
                    + ". The browser journeys drive Debian's chromium: install it with"
                    + " `sudo apt-get install -y chromium fonts-liberation` (./convene test does so on Debian), or set "
                    + EXECUTABLE_ENV
                    + " to the path of another Chromium.");
        }
        return executable;
    }
}
