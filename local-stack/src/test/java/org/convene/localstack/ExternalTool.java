package org.convene.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A program a test runs that is not Java (promtool, docker-compose), found on the PATH. Without it the test fails
 * with the command that installs it, never skips: a skipped check went unnoticed on machines that lacked the tool.
 * {@code ./convene test} installs these (its {@code TEST_TOOLS} list names the same packages).
 */
record ExternalTool(String command, String debianPackage, String why) {

    static final ExternalTool PROMTOOL =
            new ExternalTool("promtool", "prometheus", "it checks and unit-tests the Prometheus alert rules");
    static final ExternalTool DOCKER_COMPOSE = new ExternalTool(
            "docker-compose", "docker-compose", "it validates docker-compose.yml without a Docker engine");

    private static final long TIME_LIMIT_SECONDS = 120;

    /** What a run printed (standard output and error, interleaved) and how it ended. */
    record Run(String commandLine, int exitCode, String output) {

        /** The message a failed assertion shows: the command, its exit code and everything it printed. */
        String report() {
            return "`" + commandLine + "` exited with " + exitCode + ":\n" + output;
        }
    }

    /** The executable on the PATH (or in /usr/bin, where Debian puts it), or a failure saying how to install it. */
    Path executable() {
        var path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Arrays.stream(path.split(File.pathSeparator)), Stream.of("/usr/bin"))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(missingMessage()));
    }

    String missingMessage() {
        return command + " is not installed, and this test needs it: " + why + ". Install it with `sudo apt-get"
                + " install -y --no-install-recommends " + debianPackage + "` (./convene test installs it on"
                + " Debian).";
    }

    /** Runs the tool in {@code directory} and waits for it (bounded: a hung tool fails the test). */
    Run run(Path directory, String... arguments) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(executable().toString());
        commandLine.addAll(List.of(arguments));
        try {
            // Output goes to a file, not a pipe: a tool that hangs with the pipe open would block the read past
            // the time limit, and one that fills a pipe nobody reads would never end.
            var log = Files.createTempFile(command, ".out");
            try {
                var process = new ProcessBuilder(commandLine)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            String.join(" ", commandLine) + " did not end within " + TIME_LIMIT_SECONDS + " s");
                }
                return new Run(
                        String.join(" ", commandLine),
                        process.exitValue(),
                        Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
