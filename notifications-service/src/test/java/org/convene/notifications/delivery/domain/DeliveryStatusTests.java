package org.convene.notifications.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryStatusTests {

    @Test
    void onlyAPendingEmailIsUnfinished() {
        assertThat(DeliveryStatus.PENDING.finished()).isFalse();
        assertThat(DeliveryStatus.SENT.finished()).isTrue();
        assertThat(DeliveryStatus.FAILED.finished()).isTrue();
        assertThat(DeliveryStatus.ERASED.finished()).isTrue();
    }

    @Test
    void theStoredWordsAreTheOnesTheStoreAlwaysHad() {
        assertThat(DeliveryStatus.values())
                .extracting(Enum::name)
                .containsExactly("PENDING", "SENT", "FAILED", "ERASED");
    }
}
