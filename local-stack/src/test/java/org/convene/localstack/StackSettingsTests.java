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

    @Test
    void oneInstanceOfEachServiceUnlessReplicasAreAskedFor() {
        var settings = StackSettings.fromEnvironment(Map.of());
        assertThat(settings.replicas()).isEqualTo(1);
        assertThat(settings.services())
                .hasSize(6)
                .allSatisfy(spec -> assertThat(spec.instance()).isEqualTo(1));
        assertThat(settings.instances("gateway"))
                .extracting(StackSettings.ServiceSpec::instanceName)
                .containsExactly("gateway");
    }

    @Test
    void furtherInstancesListenAHundredPortsAboveTheOneBeforeUnlessGivenTheirOwn() {
        var settings = StackSettings.fromEnvironment(Map.of(
                "CONVENE_REPLICAS",
                "3",
                "CONVENE_EVENTS_PORT_3",
                "18381",
                "CONVENE_EVENTS_MANAGEMENT_PORT_3",
                "28381"));
        assertThat(settings.services()).hasSize(18);
        var gateway2 = settings.instance("gateway", 2);
        assertThat(gateway2.instanceName()).isEqualTo("gateway-2");
        assertThat(settings.listeningEnvironment(gateway2))
                .containsEntry("SERVER_PORT", "8180")
                .containsEntry("CONVENE_MANAGEMENT_PORT", "9180");
        assertThat(settings.instance("identity-service", 2).port()).isEqualTo(9100);
        assertThat(settings.instance("events-service", 3).port()).isEqualTo(18381);
        assertThat(settings.instance("events-service", 3).managementPort()).isEqualTo(28381);
        assertThat(settings.portsByOwner())
                .containsEntry("gateway-2 (CONVENE_GATEWAY_PORT_2)", 8180)
                .containsEntry("events-service-3's management port (CONVENE_EVENTS_MANAGEMENT_PORT_3)", 28381);
        // Every port of every instance is distinct from every other part's.
        assertThat(new java.util.HashSet<>(settings.portsByOwner().values()))
                .hasSameSizeAs(settings.portsByOwner().values());
    }

    @Test
    void aFurtherInstanceMovedOntoAnotherServicesPortIsRefusedBeforeAnythingStarts() {
        // The check is Ports.requireFree's, run by the launcher before the broker starts; settings alone
        // stay buildable so that message can name both owners and their variables.
        var settings = StackSettings.fromEnvironment(Map.of("CONVENE_REPLICAS", "2", "CONVENE_WEB_PORT", "8180"));
        assertThat(settings.instance("gateway", 2).port()).isEqualTo(8180);
        assertThatThrownBy(() -> Ports.requireFree(settings.portsByOwner()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("8180")
                .hasMessageContaining("CONVENE_GATEWAY_PORT_2")
                .hasMessageContaining("CONVENE_WEB_PORT)");
    }

    @Test
    void replicasComeFromTheArgumentBeforeTheVariableAndMustBeAWholeNumberFromOneToEight() {
        var fromArgument = StackSettings.fromEnvironment(
                LocalStack.withArguments(Map.of("CONVENE_REPLICAS", "3"), new String[] {"--replicas", "2"}));
        assertThat(fromArgument.replicas()).isEqualTo(2);
        assertThat(StackSettings.fromEnvironment(LocalStack.withArguments(Map.of(), new String[] {"--replicas=4"}))
                        .replicas())
                .isEqualTo(4);
        for (var wrong : java.util.List.of("0", "9", "two", "-1")) {
            assertThatThrownBy(() -> StackSettings.fromEnvironment(Map.of("CONVENE_REPLICAS", wrong)))
                    .as(wrong)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("CONVENE_REPLICAS");
        }
        assertThatThrownBy(() -> LocalStack.withArguments(Map.of(), new String[] {"--replica", "2"}))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--replicas N");
    }
}
