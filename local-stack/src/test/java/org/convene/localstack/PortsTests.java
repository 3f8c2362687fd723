package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class PortsTests {

    @Test
    void onePortGivenToTwoPartsIsRefusedNamingBoth() {
        var ports = new LinkedHashMap<String, Integer>();
        ports.put("gateway (CONVENE_GATEWAY_PORT)", 48_123);
        ports.put("notifications-service (CONVENE_NOTIFICATIONS_PORT)", 48_123);

        assertThatThrownBy(() -> Ports.requireFree(ports))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("48123")
                .hasMessageContaining("gateway")
                .hasMessageContaining("notifications-service");
    }
}
