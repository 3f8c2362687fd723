package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the launcher tells each service to listen (issue 17: nothing but the doors people use is on the network). */
class StackSettingsTests {

    @Test
    void servicesBehindTheGatewayListenOnLoopbackByDefaultWhileTheGatewayAndSignInStayReachable() {
        var settings = StackSettings.fromEnvironment(Map.of());
        for (var name : java.util.List.of("events-service", "registrations-service", "notifications-service", "web")) {
            assertThat(settings.listeningEnvironment(settings.service(name)))
                    .as(name)
                    .containsEntry("SERVER_ADDRESS", "127.0.0.1");
        }
        for (var name : java.util.List.of("gateway", "identity-service")) {
            assertThat(settings.listeningEnvironment(settings.service(name)))
                    .as(name)
                    .doesNotContainKey("SERVER_ADDRESS");
        }
    }

    @Test
    void theBindAddressCanBeOpenedWithAnEnvironmentVariable() {
        var settings = StackSettings.fromEnvironment(Map.of("CONVENE_BIND_ADDRESS", "0.0.0.0"));
        assertThat(settings.listeningEnvironment(settings.service("registrations-service")))
                .containsEntry("SERVER_ADDRESS", "0.0.0.0");
    }

    @Test
    void everyServiceGetsAManagementPortAThousandAboveItsPublicPortUnlessGivenOne() {
        var defaults = StackSettings.fromEnvironment(Map.of());
        assertThat(defaults.listeningEnvironment(defaults.service("gateway")))
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("CONVENE_MANAGEMENT_PORT", "9080");
        assertThat(defaults.service("events-service").managementPort()).isEqualTo(9081);
        assertThat(defaults.service("identity-service").managementPort()).isEqualTo(10000);

        var moved = StackSettings.fromEnvironment(Map.of(
                "CONVENE_EVENTS_PORT", "18081",
                "CONVENE_GATEWAY_PORT", "18080",
                "CONVENE_GATEWAY_MANAGEMENT_PORT", "28080"));
        assertThat(moved.service("events-service").managementPort()).isEqualTo(19081);
        assertThat(moved.listeningEnvironment(moved.service("gateway")))
                .containsEntry("SERVER_PORT", "18080")
                .containsEntry("CONVENE_MANAGEMENT_PORT", "28080");
    }

    @Test
    void managementPortsAreCheckedLikeEveryOtherPort() {
        var settings = StackSettings.fromEnvironment(Map.of("CONVENE_EVENTS_MANAGEMENT_PORT", "8082"));
        assertThat(settings.portsByOwner())
                .containsEntry("events-service's management port (CONVENE_EVENTS_MANAGEMENT_PORT)", 8082);
        assertThatThrownBy(() -> Ports.requireFree(settings.portsByOwner()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("8082")
                .hasMessageContaining("CONVENE_EVENTS_MANAGEMENT_PORT");
    }
}
