package org.convene.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A service's jar as Spring Boot's {@code extract} lays it out (the application jar and its
 * libraries side by side, {@code target/<service>-extracted/}): classes then load from plain jars
 * on the class path, which the JVM's ahead-of-time cache can hold, unlike classes from jars nested
 * in the executable one. Extracted again whenever the executable jar is newer.
 */
final class ExtractedJar {

    private ExtractedJar() {}

    /** Extracts, side by side, each jar that needs it; problems are left for {@link #of} to report. */
    static void prepareAll(List<Map.Entry<String, Path>> jars) {
        var java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        try (var extracting = Executors.newVirtualThreadPerTaskExecutor()) {
            jars.forEach(jar -> extracting.submit(() -> {
                try {
                    of(jar.getKey(), jar.getValue(), java);
                } catch (IOException | RuntimeException e) {
                    // Extracted again, and reported, when the service starts.
                }
            }));
        }
    }

    static Path of(String name, Path jar, Path java) throws IOException {
        var directory = jar.toAbsolutePath().resolveSibling(name + "-extracted");
        var extracted = directory.resolve(jar.getFileName());
        if (Files.exists(extracted)
                && Files.getLastModifiedTime(extracted).compareTo(Files.getLastModifiedTime(jar)) >= 0) {
            return extracted;
        }
        deleteRecursively(directory);
        var extract = new ProcessBuilder(
                        java.toString(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "extract",
                        "--destination",
                        directory.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0 || !Files.exists(extracted)) {
                extract.destroyForcibly();
                throw new StackException("Could not extract " + jar + " to " + directory);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            extract.destroyForcibly();
            throw new StackException("Interrupted while extracting " + jar);
        }
        // The tool keeps the entries' times; marked as made now, so it counts as newer than its jar.
        Files.setLastModifiedTime(extracted, FileTime.from(Instant.now()));
        return extracted;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
