package org.convene.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Fault drills ({@code CONVENE_FAULT_DRILLS=true}): the launcher reads {@code stop kafka}, {@code
 * start store}, {@code stop smtp} and the like from its standard input, one per line, and answers on
 * its console, so people (and the fault suite) can see how Convene behaves while a part is away.
 * Off by default: a launcher started in the background of a terminal would be stopped by the shell
 * for reading from it.
 */
final class FaultDrills {

    static final String VARIABLE = "CONVENE_FAULT_DRILLS";

    private final List<RestartablePart> parts;
    private final Consumer<String> say;

    FaultDrills(List<RestartablePart> parts, Consumer<String> say) {
        this.parts = List.copyOf(parts);
        this.say = say;
    }

    static boolean enabled(java.util.Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.getOrDefault(VARIABLE, "").strip());
    }

    /** Reads commands until the input ends; each answer is one line starting with "Drill:". */
    void readCommands(InputStream input) {
        try (var reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    say.accept("  Drill: " + run(line));
                }
            }
        } catch (IOException ended) {
            // The input closed: no more drills.
        }
    }

    /** Carries out one command and answers what happened. */
    String run(String command) {
        var words = command.strip().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length != 2 || !List.of("stop", "start").contains(words[0])) {
            return usage("\"" + command.strip() + "\" is not a drill");
        }
        var part = parts.stream().filter(p -> p.name().equals(words[1])).findFirst();
        if (part.isEmpty()) {
            return usage("there is no part called \"" + words[1] + "\"");
        }
        var it = part.get();
        try {
            if (words[0].equals("stop")) {
                return it.label() + (it.stop() ? " stopped" : " was not running");
            }
            return it.label() + (it.start() ? " started" : " is already running");
        } catch (Exception e) {
            return it.label() + " could not " + words[0] + ": " + e;
        }
    }

    private String usage(String problem) {
        var names = String.join("|", parts.stream().map(RestartablePart::name).toList());
        return problem + "; try stop <" + names + "> or start <" + names + ">";
    }
}
