package org.convene.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTests {

    @Test
    void everyPublishedTopicHasItsDeadLetterTopic() {
        assertThat(Topics.all())
                .contains(
                        Topics.EVENTS,
                        Topics.REGISTRATIONS,
                        Topics.ORGANISATIONS,
                        Topics.REQUESTS,
                        Topics.SUPPORT,
                        "convene.events.v1.dlt",
                        "convene.registrations.v1.dlt",
                        "convene.organisations.v1.dlt",
                        "convene.requests.v1.dlt",
                        "convene.support.v1.dlt")
                .doesNotHaveDuplicates();
    }

    @Test
    void topicNamesAreVersioned() {
        assertThat(Topics.all()).allMatch(topic -> topic.matches("convene\\.[a-z]+\\.v\\d+(\\.dlt)?"));
    }
}
