package org.convene.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** What the services wrote to their logs, searched for what must never be there. */
final class ServiceLogs {

    private ServiceLogs() {}

    /**
     * Every line in the services' log files (and the launcher's console, if asked) that contains one of {@code secrets}
     * (ignoring case), prefixed by where it was. The infrastructure's log (the embedded Kafka broker, store and
     * SMTP server, stand-ins for what production runs) is left out: the SMTP server must know addresses.
     */
    static List<String> linesNaming(RunningConvene convene, List<String> secrets, boolean console)
            throws java.io.IOException {
        var found = new ArrayList<String>();
        var lowered = secrets.stream()
                .map(secret -> secret.toLowerCase(java.util.Locale.ROOT))
                .toList();
        java.util.function.BiConsumer<String, String> check = (where, line) -> {
            var lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lowered.stream().anyMatch(lower::contains)) {
                found.add(where + ": " + line);
            }
        };
        try (var files = java.nio.file.Files.list(convene.logs())) {
            var serviceLogs = files.filter(
                            file -> !file.getFileName().toString().startsWith("infrastructure"))
                    .sorted()
                    .toList();
            assertThat(serviceLogs).as("service log files").hasSizeGreaterThanOrEqualTo(6);
            for (var file : serviceLogs) {
                try (var lines = java.nio.file.Files.lines(file)) {
                    lines.forEach(line -> check.accept(file.getFileName().toString(), line));
                }
            }
        }
        if (console) {
            convene.output().lines().forEach(line -> check.accept("launcher console", line));
        }
        return found;
    }
}
