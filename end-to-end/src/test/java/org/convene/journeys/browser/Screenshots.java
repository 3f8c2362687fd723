package org.convene.journeys.browser;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Full-page screenshots of what a journey showed, kept under the build directory for people to look at. */
public final class Screenshots {

    /** Set by failsafe to {@code target/screenshots} of the module. */
    public static final String DIRECTORY_PROPERTY = "convene.screenshots.dir";

    // Names become file names: keep them from reaching outside the screenshot directory.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private Screenshots() {}

    /** Writes the whole page, not just the viewport, to {@code <dir>/<name>.png}, and returns the file. */
    public static Path save(Page page, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Screenshot name must be letters, digits, '.', '_' or '-': " + name);
        }
        var file = directory().resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    public static Path directory() {
        return Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/screenshots"));
    }
}
