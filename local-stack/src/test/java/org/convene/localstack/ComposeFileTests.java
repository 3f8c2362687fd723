package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.localstack.YamlFiles.list;
import static org.convene.localstack.YamlFiles.load;
import static org.convene.localstack.YamlFiles.map;
import static org.convene.localstack.YamlFiles.strings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the production-like stack in {@code docker-compose.yml} without a Docker engine: the rules that keep it
 * startable in order, observable and free of committed secrets.
 */
class ComposeFileTests {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Path COMPOSE_FILE = REPOSITORY.resolve("docker-compose.yml");

    /** Health and metrics: the public port + 1000, as each service's application.yml has it. */
    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of(
            "gateway", 9080,
            "events-service", 9081,
            "registrations-service", 9082,
            "notifications-service", 9083,
            "identity-service", 10000,
            "web", 9084);

    private static final List<String> BACKEND_SERVICES =
            List.of("events-service", "registrations-service", "notifications-service");

    /** Top-level keys that Debian's docker-compose 1.29 accepts; a top-level {@code name:} breaks it. */
    private static final Set<String> TOP_LEVEL_KEYS_OF_COMPOSE_1_29 =
            Set.of("version", "services", "networks", "volumes", "secrets", "configs");

    private static final Pattern SENSITIVE_KEY =
            Pattern.compile("PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY");
    private static final Pattern INTERPOLATED = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?}");

    private static final Map<String, Object> COMPOSE = load(COMPOSE_FILE);

    /** What CI's own step did before: docker-compose 1.29 (Debian's) parses and validates the whole file. */
    @Test
    void dockerCompose129AcceptsTheFile() {
        var run = ExternalTool.DOCKER_COMPOSE.run(REPOSITORY, "-f", COMPOSE_FILE.toString(), "config", "-q");
        assertThat(run.exitCode()).as(run.report()).isZero();
    }

    @Test
    void usesOnlyTopLevelKeysThatDockerCompose129Accepts() {
        assertThat(COMPOSE.keySet())
                .allSatisfy(key -> assertThat(TOP_LEVEL_KEYS_OF_COMPOSE_1_29.contains(key) || key.startsWith("x-"))
                        .as("top-level key %s", key)
                        .isTrue());
    }

    @Nested
    class EveryService {

        @Test
        void hasAHealthcheck() {
            assertThat(services()).isNotEmpty().allSatisfy((name, service) -> {
                Map<String, Object> healthcheck = map(service.get("healthcheck"));
                assertThat(healthcheck).as("healthcheck of %s", name).containsKey("test");
                assertThat(healthcheck.get("test"))
                        .as("healthcheck test of %s", name)
                        .isNotNull();
                assertThat(healthcheck.get("disable"))
                        .as("healthcheck of %s disabled", name)
                        .isNotEqualTo(Boolean.TRUE);
            });
        }

        @Test
        void hasAMemoryLimit() {
            assertThat(services())
                    .allSatisfy((name, service) -> assertThat(memoryLimit(service))
                            .as("memory limit of %s", name)
                            .isNotBlank());
        }

        @Test
        void restartsUnlessStopped() {
            assertThat(services())
                    .allSatisfy((name, service) -> assertThat(service.get("restart"))
                            .as("restart policy of %s", name)
                            .isEqualTo("unless-stopped"));
        }

        @Test
        void usesOnlyNamedVolumesThatAreDeclared() {
            Set<String> declared =
                    map(COMPOSE.getOrDefault("volumes", Map.of())).keySet();
            assertThat(services())
                    .allSatisfy((name, service) -> assertThat(volumeSources(service))
                            .filteredOn(source -> !source.startsWith(".") && !source.startsWith("/"))
                            .as("named volumes of %s", name)
                            .allSatisfy(volume -> assertThat(declared).contains(volume)));
        }
    }

    @Nested
    class AppServices {

        @ParameterizedTest(name = "{0} publishes port {1} on the same host port, to the network")
        @CsvSource({"gateway, 8080", "identity-service, 9000"})
        void theDoorsPeopleUsePublishTheirPortOnTheSameHostPort(String app, int port) {
            assertThat(strings(service(app).get("ports"))).contains(port + ":" + port);
        }

        @ParameterizedTest(name = "{0} publishes port {1} to this machine only")
        @CsvSource({"events-service, 8081", "registrations-service, 8082", "notifications-service, 8083"})
        void servicesBehindTheGatewayPublishTheirPortOnLoopbackOnly(String app, int port) {
            assertThat(strings(service(app).get("ports"))).containsExactly("127.0.0.1:" + port + ":" + port);
        }

        @ParameterizedTest(name = "{0} keeps its management port inside the compose network")
        @ValueSource(
                strings = {
                    "gateway",
                    "events-service",
                    "registrations-service",
                    "notifications-service",
                    "identity-service",
                    "web"
                })
        void keepTheirManagementPortInsideTheComposeNetwork(String app) {
            var management = MANAGEMENT_PORTS.get(app);
            assertThat(map(service(app).get("environment")))
                    .containsEntry("CONVENE_MANAGEMENT_PORT", String.valueOf(management))
                    .containsEntry("CONVENE_MANAGEMENT_ADDRESS", "0.0.0.0");
            var published = service(app).get("ports") == null
                    ? List.<String>of()
                    : strings(service(app).get("ports"));
            assertThat(published).noneMatch(mapping -> mapping.contains(String.valueOf(management)));
        }

        @ParameterizedTest(name = "{0} checks its readiness on its management port")
        @ValueSource(
                strings = {
                    "gateway",
                    "events-service",
                    "registrations-service",
                    "notifications-service",
                    "identity-service",
                    "web"
                })
        void checkReadinessOnTheirManagementPort(String app) {
            Object test = map(service(app).get("healthcheck")).get("test");
            assertThat(String.join(" ", strings(test)))
                    .contains("http://localhost:" + MANAGEMENT_PORTS.get(app) + "/actuator/health/readiness");
        }

        @ParameterizedTest(name = "{0} is built from the shared Dockerfile")
        @ValueSource(
                strings = {
                    "gateway",
                    "events-service",
                    "registrations-service",
                    "notifications-service",
                    "identity-service"
                })
        void areBuiltFromTheSharedDockerfileWithTheirModuleName(String app) {
            Map<String, Object> build = map(service(app).get("build"));
            assertThat(build.get("dockerfile")).isEqualTo("docker/Dockerfile");
            assertThat(map(build.get("args"))).containsEntry("SERVICE", app);
            assertThat(REPOSITORY.resolve(app).resolve("pom.xml")).isRegularFile();
        }

        @ParameterizedTest(name = "{0} waits for a healthy kafka and mongo")
        @ValueSource(strings = {"events-service", "registrations-service", "notifications-service"})
        void dependOnHealthyKafkaAndMongo(String app) {
            assertThat(dependencies(app))
                    .containsEntry("kafka", "service_healthy")
                    .containsEntry("mongo", "service_healthy");
        }

        @Test
        void notificationsServiceWaitsForAHealthySmtpServer() {
            assertThat(dependencies("notifications-service")).containsEntry("mailpit", "service_healthy");
            assertThat(environment(service("notifications-service")))
                    .containsEntry("SPRING_MAIL_HOST", "mailpit")
                    .containsEntry("SPRING_MAIL_PORT", "1025");
        }

        @Test
        void gatewayWaitsForTheThreeServicesItRoutesTo() {
            Map<String, String> dependencies = dependencies("gateway");
            assertThat(BACKEND_SERVICES)
                    .allSatisfy(backend -> assertThat(dependencies).containsEntry(backend, "service_healthy"));
            assertThat(environment(service("gateway")))
                    .containsEntry("CONVENE_GATEWAY_EVENTS_URI", "http://events-service:8081")
                    .containsEntry("CONVENE_GATEWAY_REGISTRATIONS_URI", "http://registrations-service:8082")
                    .containsEntry("CONVENE_GATEWAY_NOTIFICATIONS_URI", "http://notifications-service:8083")
                    .containsEntry("CONVENE_GATEWAY_WEB_URI", "http://web:8084");
            assertThat(dependencies).containsEntry("web", "service_healthy");
        }

        @ParameterizedTest(name = "{0} uses its own database on the replica set")
        @CsvSource({
            "events-service, convene-events",
            "registrations-service, convene-registrations",
            "notifications-service, convene-notifications"
        })
        void useTheirOwnDatabaseOnTheReplicaSet(String app, String database) {
            Map<String, String> environment = environment(service(app));
            assertThat(environment)
                    .containsEntry("SPRING_MONGODB_URI", "mongodb://mongo:27017/" + database + "?replicaSet=rs0")
                    .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        }

        @Test
        void identityServiceKeepsItsOwnDatabaseAndTheGatewaySignsInThere() {
            assertThat(environment(service("identity-service")))
                    .containsEntry("SPRING_MONGODB_URI", "mongodb://mongo:27017/convene-identity?replicaSet=rs0");
            assertThat(dependencies("identity-service")).containsEntry("mongo", "service_healthy");
            assertThat(dependencies("gateway")).containsEntry("identity-service", "service_healthy");
            assertThat(environment(service("gateway")).get("CONVENE_OIDC_ISSUER_URI"))
                    .isEqualTo(environment(service("identity-service")).get("CONVENE_IDENTITY_ISSUER"));
            for (var app : List.of("events-service", "registrations-service")) {
                assertThat(environment(service(app)).get("CONVENE_OIDC_ISSUER_URI"))
                        .as("%s validates tokens of the same issuer", app)
                        .isEqualTo(environment(service("gateway")).get("CONVENE_OIDC_ISSUER_URI"));
            }
        }

        @Test
        void shareNoDatabase() {
            List<String> uris = BACKEND_SERVICES.stream()
                    .map(app -> environment(service(app)).get("SPRING_MONGODB_URI"))
                    .toList();
            assertThat(uris).doesNotHaveDuplicates();
            assertThat(environment(service("gateway"))).doesNotContainKey("SPRING_MONGODB_URI");
        }
    }

    @Nested
    class Secrets {

        @Test
        void sensitiveSettingsAreInterpolatedNeverCommitted() {
            assertThat(services())
                    .allSatisfy((name, service) -> assertThat(environment(service))
                            .allSatisfy((key, value) -> {
                                if (SENSITIVE_KEY.matcher(key.toUpperCase()).find()) {
                                    assertThat(value)
                                            .as("%s of %s must come from ${VAR:-default}", key, name)
                                            .matches(INTERPOLATED);
                                }
                            }));
        }

        @Test
        void noConnectionStringCarriesCredentials() {
            assertThat(services())
                    .allSatisfy((name, service) -> assertThat(environment(service))
                            .allSatisfy((key, value) -> assertThat(value)
                                    .as("%s of %s", key, name)
                                    .doesNotContainPattern("://[^/@\\s:]+:[^/@\\s]+@")));
        }
    }

    @Nested
    class ReferencedFiles {

        @Test
        void everyBindMountedPathExists() {
            assertThat(services())
                    .allSatisfy((name, service) -> assertThat(volumeSources(service))
                            .filteredOn(source -> source.startsWith("."))
                            .allSatisfy(source -> assertThat(
                                            REPOSITORY.resolve(source).normalize())
                                    .as("bind mount of %s", name)
                                    .exists()));
        }

        @Test
        void everyBuildContextAndDockerfileExists() {
            assertThat(services()).allSatisfy((name, service) -> {
                if (service.get("build") instanceof Map<?, ?> build) {
                    Path context = REPOSITORY.resolve(String.valueOf(build.get("context")));
                    assertThat(context).isDirectory();
                    assertThat(context.resolve(String.valueOf(build.get("dockerfile"))))
                            .isRegularFile();
                }
            });
            assertThat(REPOSITORY.resolve(".dockerignore")).isRegularFile();
        }

        @Test
        void prometheusScrapesEveryAppOnItsManagementPort() {
            Map<String, Object> prometheus = load(REPOSITORY.resolve("docker/prometheus/prometheus.yml"));
            List<String> targets = new ArrayList<>();
            for (Object job : list(prometheus.get("scrape_configs"))) {
                Map<String, Object> scrape = map(job);
                if ("/actuator/prometheus".equals(scrape.get("metrics_path"))) {
                    for (Object config : list(scrape.get("static_configs"))) {
                        targets.addAll(strings(map(config).get("targets")));
                    }
                }
            }
            assertThat(targets)
                    .containsExactlyInAnyOrderElementsOf(MANAGEMENT_PORTS.entrySet().stream()
                            .map(app -> app.getKey() + ":" + app.getValue())
                            .toList());
        }

        @Test
        void grafanaProvisionsThePrometheusDatasourceTheDashboardUses() {
            Map<String, Object> datasources =
                    load(REPOSITORY.resolve("docker/grafana/provisioning/datasources/prometheus.yml"));
            assertThat(list(datasources.get("datasources")))
                    .singleElement()
                    .satisfies(datasource -> assertThat(map(datasource))
                            .containsEntry("uid", "prometheus")
                            .containsEntry("url", "http://prometheus:9090")
                            .containsEntry("isDefault", true));

            assertThat(REPOSITORY.resolve("docker/grafana/provisioning/dashboards/dashboards.yml"))
                    .isRegularFile();
            // JSON is YAML, so the same parser proves the dashboard is well formed.
            Map<String, Object> dashboard = load(REPOSITORY.resolve("docker/grafana/dashboards/convene-overview.json"));
            assertThat(list(dashboard.get("panels")))
                    .allSatisfy(panel ->
                            assertThat(map(map(panel).get("datasource"))).containsEntry("uid", "prometheus"));
        }
    }

    private static Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(COMPOSE.get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    private static Map<String, Object> service(String name) {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).containsKey(name);
        return services.get(name);
    }

    /** {@code depends_on} as service name to condition; the short list form means {@code service_started}. */
    private static Map<String, String> dependencies(String name) {
        Object dependsOn = service(name).get("depends_on");
        Map<String, String> dependencies = new LinkedHashMap<>();
        if (dependsOn instanceof Map<?, ?> conditions) {
            conditions.forEach((dependency, condition) -> dependencies.put(
                    String.valueOf(dependency), String.valueOf(map(condition).get("condition"))));
        } else {
            strings(dependsOn).forEach(dependency -> dependencies.put(dependency, "service_started"));
        }
        return dependencies;
    }

    /** {@code environment} in either of its forms, a map or a list of {@code KEY=value}. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach(
                    (key, value) -> variables.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else {
            for (String entry : strings(environment)) {
                int equals = entry.indexOf('=');
                variables.put(
                        equals < 0 ? entry : entry.substring(0, equals), equals < 0 ? "" : entry.substring(equals + 1));
            }
        }
        return variables;
    }

    private static String memoryLimit(Map<String, Object> service) {
        if (service.get("mem_limit") != null) {
            return String.valueOf(service.get("mem_limit"));
        }
        Object limit = map(map(map(service.get("deploy")).get("resources")).get("limits"))
                .get("memory");
        return limit == null ? null : String.valueOf(limit);
    }

    /** The source of each volume, short ({@code source:target[:mode]}) or long ({@code source: ...}) syntax. */
    private static List<String> volumeSources(Map<String, Object> service) {
        List<String> sources = new ArrayList<>();
        for (Object volume : list(service.get("volumes"))) {
            if (volume instanceof Map<?, ?> longSyntax) {
                if (longSyntax.get("source") != null) {
                    sources.add(String.valueOf(longSyntax.get("source")));
                }
            } else {
                String shortSyntax = String.valueOf(volume);
                int colon = shortSyntax.indexOf(':');
                if (colon > 0) {
                    sources.add(shortSyntax.substring(0, colon));
                }
            }
        }
        return sources;
    }
}
