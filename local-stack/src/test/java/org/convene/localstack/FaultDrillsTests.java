package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultDrillsTests {

    private final List<String> events = new ArrayList<>();
    private final List<String> said = new ArrayList<>();
    private final RestartablePart broker = new RestartablePart("kafka", "Kafka broker", () -> {
        events.add("kafka started");
        return () -> events.add("kafka stopped");
    });
    private final FaultDrills drills = new FaultDrills(List.of(broker), said::add);

    @Test
    void stopsAndStartsAPartOnceEachAndSaysWhenThereWasNothingToDo() throws Exception {
        broker.start();

        drills.readCommands(input("stop kafka\nstop kafka\n\nSTART Kafka\nstart kafka\n"));

        assertThat(events).containsExactly("kafka started", "kafka stopped", "kafka started");
        assertThat(said)
                .containsExactly(
                        "  Drill: Kafka broker stopped",
                        "  Drill: Kafka broker was not running",
                        "  Drill: Kafka broker started",
                        "  Drill: Kafka broker is already running");
    }

    @Test
    void answersWhatItCanDoToAnythingElseAndChangesNothing() throws Exception {
        broker.start();

        drills.readCommands(input("restart kafka\nstop everything\nstop\n"));

        assertThat(events).containsExactly("kafka started");
        assertThat(said).hasSize(3).allSatisfy(line -> assertThat(line).contains("try stop <kafka> or start <kafka>"));
    }

    @Test
    void areOffUnlessTheEnvironmentTurnsThemOn() {
        assertThat(FaultDrills.enabled(Map.of())).isFalse();
        assertThat(FaultDrills.enabled(Map.of(FaultDrills.VARIABLE, "yes"))).isFalse();
        assertThat(FaultDrills.enabled(Map.of(FaultDrills.VARIABLE, "true"))).isTrue();
    }

    private static ByteArrayInputStream input(String lines) {
        return new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8));
    }
}
