package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import org.convene.contracts.Topics;
import org.convene.embedded.KafkaBroker;
import org.junit.jupiter.api.Test;

/** Topics hold at least as many partitions as there are consumer instances (issue 20, ADR 18). */
class TopicPartitionsTests {

    @Test
    void topicsAreCreatedWithEnoughPartitionsAndGrownWhenTheStackStartsAgainWithMoreInstances() throws Exception {
        var logDir = Files.createTempDirectory("convene-partitions");
        int port;
        int controllerPort;
        try (var first = new ServerSocket(0);
                var second = new ServerSocket(0)) {
            port = first.getLocalPort();
            controllerPort = second.getLocalPort();
        }
        try (var broker = KafkaBroker.start(logDir, port, controllerPort)) {
            assertThat(broker.partitionsOf(Topics.REGISTRATIONS)).isEqualTo(Topics.PARTITIONS);
        }
        try (var broker = KafkaBroker.start(logDir, port, controllerPort, Topics.PARTITIONS + 2)) {
            assertThat(broker.partitionsOf(Topics.REGISTRATIONS)).isEqualTo(Topics.PARTITIONS + 2);
            assertThat(broker.partitionsOf(Topics.deadLetterOf(Topics.EVENTS))).isEqualTo(Topics.PARTITIONS + 2);
        }
        // Never shrunk: a stack started again with fewer instances keeps what it has.
        try (var broker = KafkaBroker.start(logDir, port, controllerPort, 2)) {
            assertThat(broker.partitionsOf(Topics.REGISTRATIONS)).isEqualTo(Topics.PARTITIONS + 2);
        }
    }
}
