package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.convene.localstack.YamlFiles.list;
import static org.convene.localstack.YamlFiles.map;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.convene.contracts.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Fails when the Kubernetes manifests in {@code deploy/kubernetes} drift from the build (ADR 16), without a cluster:
 * every service module has its objects, every container its probes, limits and hardening, no secret is written into
 * them, traffic is denied by default, the overlays build on the base, and every setting is one the service reads.
 */
class KubernetesManifestsTests {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final Path KUBERNETES = REPOSITORY.resolve("deploy/kubernetes");
    private static final Path BASE = KUBERNETES.resolve("base");
    private static final Path OVERLAYS = KUBERNETES.resolve("overlays");
    private static final Path SECRETS_EXAMPLE = KUBERNETES.resolve("secrets.example.yaml");
    private static final Path COMPONENTS = KUBERNETES.resolve("components");
    private static final Path DASHBOARD = REPOSITORY.resolve("docker/grafana/dashboards/convene-overview.json");
    private static final Path ALERTS = REPOSITORY.resolve("docker/prometheus/alerts.yml");
    private static final Path SERVICE_DEFAULTS =
            REPOSITORY.resolve("service-support/src/main/resources/convene-service-defaults.yml");

    /** A name that looks like it holds a secret; a Mongo URI carries its password. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(^|_)(PASSWORD|SECRET|KEY|TOKEN|CREDENTIALS?)(_|$)|MONGODB_URI");
    /** Durations named after a token (CONVENE_IDENTITY_ACCESS_TOKEN_TTL) are settings, not secrets. */
    private static final Pattern NOT_SECRET = Pattern.compile("_TTL$");

    private static final List<String> OBJECTS_PER_SERVICE =
            List.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler");

    private record Manifest(Path file, Map<String, Object> content) {

        String kind() {
            return String.valueOf(content.get("kind"));
        }

        String name() {
            return String.valueOf(map(content.get("metadata")).get("name"));
        }

        boolean inBase() {
            return file.startsWith(BASE);
        }

        Map<String, Object> spec() {
            return map(content.get("spec"));
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + KUBERNETES.relativize(file) + ")";
        }
    }

    private static final List<Manifest> MANIFESTS = manifests();
    private static final List<String> SERVICES = serviceModules();

    @Test
    void readsTheManifestsAndTheServiceModules() {
        assertThat(SERVICES)
                .as("service modules of the Maven build")
                .contains(
                        "gateway",
                        "web",
                        "identity-service",
                        "events-service",
                        "registrations-service",
                        "notifications-service");
        assertThat(MANIFESTS).hasSizeGreaterThan(30);
    }

    @Test
    void everyServiceModuleHasItsDeploymentServiceDisruptionBudgetAndAutoscalerInBase() {
        for (String service : SERVICES) {
            for (String kind : OBJECTS_PER_SERVICE) {
                assertThat(base(kind).filter(manifest -> manifest.name().equals(service)))
                        .as("%s %s in deploy/kubernetes/base", kind, service)
                        .hasSize(1);
            }
            Manifest budget = only(base("PodDisruptionBudget"), service);
            assertThat(budget.spec().get("minAvailable")).as("%s", budget).isEqualTo(1);

            Manifest autoscaler = only(base("HorizontalPodAutoscaler"), service);
            assertThat(autoscaler.content().get("apiVersion"))
                    .as("%s", autoscaler)
                    .isEqualTo("autoscaling/v2");
            assertThat(map(autoscaler.spec().get("scaleTargetRef")))
                    .as("%s target", autoscaler)
                    .containsEntry("kind", "Deployment")
                    .containsEntry("name", service);
            assertThat(list(autoscaler.spec().get("metrics")))
                    .as("%s metrics", autoscaler)
                    .anySatisfy(metric -> assertThat(
                                    map(map(metric).get("resource")).get("name"))
                            .isEqualTo("cpu"));

            Manifest deployment = only(base("Deployment"), service);
            Map<String, Object> podSpec = podSpec(deployment);
            assertThat(list(podSpec.get("topologySpreadConstraints")).stream()
                            .map(constraint -> map(constraint).get("topologyKey")))
                    .as("%s spread", deployment)
                    .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            assertThat(containers(deployment))
                    .as("%s image", deployment)
                    .allSatisfy(
                            container -> assertThat(container.get("image")).isEqualTo("ghcr.io/convene/" + service));
            assertThat(list(kustomization(BASE).get("images")).stream()
                            .map(image -> map(image).get("name")))
                    .as("images of base/kustomization.yaml")
                    .contains("ghcr.io/convene/" + service);
        }
    }

    @Test
    void everyFileOfTheBaseIsOneOfItsResources() throws IOException {
        List<String> resources = strings(kustomization(BASE).get("resources"));
        try (Stream<Path> files = Files.list(BASE)) {
            assertThat(files.map(file -> file.getFileName().toString())
                            .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                            .filter(name -> !name.startsWith("kustomization.")))
                    .as("files in base/ and the resources of base/kustomization.yaml")
                    .containsExactlyInAnyOrderElementsOf(resources);
        }
    }

    @Test
    void everyDeploymentProbesTheActuatorHealthGroupsOnTheManagementPort() {
        for (Manifest deployment : base("Deployment").toList()) {
            String service = deployment.name();
            assertProbes(deployment);
            Manifest serviceObject = only(base("Service"), service);
            assertThat(list(serviceObject.spec().get("ports")).stream()
                            .map(port -> map(port).get("targetPort")))
                    .as("%s targets only the public port", serviceObject)
                    .containsExactly("http");
        }
    }

    @Test
    void everyDeploymentHasResourcesAndRunsAsNonRootOnAReadOnlyFilesystem() {
        for (Manifest deployment : base("Deployment").toList()) {
            assertResourcesAndSecurity(deployment);
        }
        // Overlays may resize, never drop a bound.
        for (Manifest patch : MANIFESTS.stream()
                .filter(manifest -> !manifest.inBase() && manifest.kind().equals("Deployment"))
                .toList()) {
            for (Map<String, Object> container : containers(patch)) {
                if (container.containsKey("resources")) {
                    Map<String, Object> resources = map(container.get("resources"));
                    assertThat(map(resources.get("requests")))
                            .as("%s requests", patch)
                            .containsKeys("cpu", "memory");
                    assertThat(map(resources.get("limits")))
                            .as("%s limits", patch)
                            .containsKeys("cpu", "memory");
                }
            }
        }
    }

    @Test
    void secretsAreReferencedNeverWrittenIntoTheManifests() {
        for (Manifest manifest : MANIFESTS) {
            if (manifest.file().equals(SECRETS_EXAMPLE)) {
                continue;
            }
            assertThat(manifest.kind())
                    .as("%s: Secrets are not kept in the repository", manifest)
                    .isNotEqualTo("Secret");
            if (manifest.kind().equals("ConfigMap")) {
                assertThat(map(manifest.content().get("data")).keySet())
                        .as("%s", manifest)
                        .noneMatch(KubernetesManifestsTests::looksSecret);
            }
            for (Map<String, Object> container : containers(manifest)) {
                for (Object entry : list(container.get("env"))) {
                    Map<String, Object> variable = map(entry);
                    String name = String.valueOf(variable.get("name"));
                    if (looksSecret(name)) {
                        assertThat(variable)
                                .as("%s: %s must come from a Secret (valueFrom.secretKeyRef)", manifest, name)
                                .doesNotContainKey("value");
                        assertThat(map(map(variable.get("valueFrom")).get("secretKeyRef")))
                                .as("%s: %s secretKeyRef", manifest, name)
                                .containsKeys("name", "key");
                    }
                }
            }
        }
        for (Path kustomization : kustomizations()) {
            for (String variable : settingsLiterals(load(kustomization)).keySet()) {
                assertThat(looksSecret(variable))
                        .as(
                                "%s: %s is a secret and belongs in a Secret",
                                KUBERNETES.relativize(kustomization), variable)
                        .isFalse();
            }
            assertThat(strings(load(kustomization).get("resources")))
                    .as("%s must not apply the example secrets", KUBERNETES.relativize(kustomization))
                    .noneMatch(resource -> resource.contains("secrets.example"));
        }
    }

    @Test
    void everySecretReferencedIsDescribedInTheExample() {
        Map<String, Set<String>> described = new HashMap<>();
        for (Manifest secret : MANIFESTS.stream()
                .filter(manifest -> manifest.file().equals(SECRETS_EXAMPLE))
                .toList()) {
            assertThat(secret.kind()).isEqualTo("Secret");
            described.put(secret.name(), map(secret.content().get("stringData")).keySet());
        }
        for (Manifest deployment :
                MANIFESTS.stream().filter(m -> m.kind().equals("Deployment")).toList()) {
            for (Map<String, Object> container : containers(deployment)) {
                for (Object entry : list(container.get("env"))) {
                    Map<String, Object> reference =
                            map(map(map(entry).get("valueFrom")).get("secretKeyRef"));
                    if (!reference.isEmpty()) {
                        assertThat(described.getOrDefault(String.valueOf(reference.get("name")), Set.of()))
                                .as("%s: secret %s in secrets.example.yaml", deployment, reference)
                                .contains(String.valueOf(reference.get("key")));
                    }
                }
            }
        }
    }

    @Test
    void trafficIsDeniedByDefaultAndEveryServiceHasItsPolicy() {
        assertThat(base("NetworkPolicy"))
                .as("a default-deny NetworkPolicy: every pod, ingress and egress, no rule")
                .anySatisfy(policy -> {
                    assertThat(map(policy.spec().get("podSelector"))).isEmpty();
                    assertThat(strings(policy.spec().get("policyTypes"))).contains("Ingress", "Egress");
                    assertThat(list(policy.spec().get("ingress"))).isEmpty();
                    assertThat(list(policy.spec().get("egress"))).isEmpty();
                });
        for (String service : SERVICES) {
            assertThat(base("NetworkPolicy")
                            .filter(policy -> service.equals(
                                    map(map(policy.spec().get("podSelector")).get("matchLabels"))
                                            .get("app.kubernetes.io/name"))))
                    .as("NetworkPolicy for %s", service)
                    .isNotEmpty();
        }
        assertThat(base("Ingress")).as("the gateway's Ingress, with TLS").anySatisfy(ingress -> {
            assertThat(list(ingress.spec().get("tls")))
                    .isNotEmpty()
                    .allSatisfy(tls -> assertThat(map(tls)).containsKey("secretName"));
            assertThat(list(ingress.spec().get("rules")).stream()
                            .flatMap(rule -> list(map(map(rule).get("http")).get("paths")).stream())
                            .map(path -> map(map(map(path).get("backend")).get("service"))
                                    .get("name")))
                    .containsOnly("gateway");
        });
    }

    @Test
    void theOverlaysBuildOnTheBase() throws IOException {
        List<Path> overlays;
        try (Stream<Path> directories = Files.list(OVERLAYS)) {
            overlays = directories.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(overlays.stream().map(overlay -> overlay.getFileName().toString()))
                .contains("dev", "production");
        for (Path overlay : overlays) {
            assertThat(strings(kustomization(overlay).get("resources")).stream()
                            .map(resource -> overlay.resolve(resource).normalize()))
                    .as("resources of %s", KUBERNETES.relativize(overlay))
                    .contains(BASE);
        }
    }

    @Test
    void everyVariableIsOneTheServiceReads() {
        for (String service : SERVICES) {
            Set<String> variables = variablesOf(service);
            assertThat(variables).as("variables of %s", service).contains("SERVER_PORT", "CONVENE_MANAGEMENT_PORT");
            for (String variable : variables) {
                assertThat(reads(service, variable))
                        .as(
                                "%s sets %s, which neither %s's application.yml nor service-support's defaults read",
                                "deploy/kubernetes", variable, service)
                        .isTrue();
            }
        }
    }

    @Test
    void aMisspeltVariableWouldFail() {
        assertThat(reads("events-service", "CONVENE_OIDC_AUDIENCE")).isTrue();
        assertThat(reads("events-service", "CONVENE_OIDC_AUDENCE")).isFalse();
        assertThat(reads("events-service", "CONVENE_OIDC")).isFalse();
        assertThat(reads("identity-service", "KAFKA_BOOTSTRAP_SERVERS")).isTrue(); // service-support's defaults
        assertThat(reads("gateway", "SPRING_MONGODB_URI")).isFalse();
    }

    // --- the Kubernetes API's schemas, offline (KubernetesSchemas)

    @Test
    void everyManifestMatchesTheKubernetesApiSchemas() {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : MANIFESTS) {
            KubernetesSchemas.problems(manifest.content()).forEach(problem -> problems.add(manifest + ": " + problem));
        }
        assertThat(problems).as("objects that the API server would refuse").isEmpty();
        assertThat(MANIFESTS.stream().filter(manifest -> KubernetesSchemas.isBuiltIn(manifest.content())))
                .as("built-in objects read into the API's model")
                .hasSizeGreaterThan(40);
    }

    @Test
    void theSchemaCheckFailsOnAMisspeltFieldAWrongTypeAndAMissingRequiredField() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    spec:
                      containers:
                        - name: app
                          image: ghcr.io/convene/web
                          resources:
                            limits:
                              memory: 768Mi
                """;
        assertThat(KubernetesSchemas.problems(yaml(deployment))).isEmpty();
        assertThat(KubernetesSchemas.problems(yaml(deployment.replace("containers:", "contianers:"))))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("contianers");
        assertThat(KubernetesSchemas.problems(yaml(deployment.replace("replicas: 2", "replicas: two"))))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("two");
        assertThat(KubernetesSchemas.problems(yaml(deployment.replace("name: app", "name: [app]"))))
                .hasSize(1);
        assertThat(KubernetesSchemas.problems(yaml(deployment.replace("image: ghcr.io/convene/web", "image: 5"))))
                .hasSize(1);
        assertThat(KubernetesSchemas.problems(yaml(deployment.replace("apps/v1", "apps/v1beta1"))))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("not a kind");

        String topic = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: convene-events-v1
                  labels:
                    strimzi.io/cluster: convene
                spec:
                  partitions: 12
                  replicas: 3
                """;
        assertThat(KubernetesSchemas.problems(yaml(topic))).isEmpty();
        assertThat(KubernetesSchemas.problems(yaml(topic.replace("  replicas: 3\n", ""))))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("spec.replicas");
        assertThat(KubernetesSchemas.problems(yaml(topic.replace("partitions: 12", "partitions: twelve"))))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("partitions");
        assertThat(KubernetesSchemas.problems(yaml(topic.replace("    strimzi.io/cluster: convene\n", ""))))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("strimzi.io/cluster");
    }

    // --- the overlays as applied: rendered (Kustomize, the subset we use), then checked

    @Test
    void everyRenderedOverlayMatchesTheSchemasAndThePolicies(@TempDir Path temporary) throws IOException {
        // Production with lag autoscaling, as an overlay of the production overlay would add it.
        Path lagAutoscaling = temporary.resolve("production-lag-autoscaling");
        Files.createDirectories(lagAutoscaling);
        Files.writeString(lagAutoscaling.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                components:
                  - %s
                """.formatted(
                        OVERLAYS.resolve("production"), COMPONENTS.resolve("lag-autoscaling")));
        for (Path overlay : List.of(OVERLAYS.resolve("dev"), OVERLAYS.resolve("production"), lagAutoscaling)) {
            List<Manifest> rendered = Kustomize.build(overlay).stream()
                    .map(object -> new Manifest(overlay, object))
                    .toList();
            List<String> problems = new ArrayList<>();
            for (Manifest manifest : rendered) {
                KubernetesSchemas.problems(manifest.content())
                        .forEach(problem -> problems.add(manifest + ": " + problem));
            }
            assertThat(problems)
                    .as("rendered %s: objects the API server would refuse", overlay)
                    .isEmpty();
            assertThat(rendered.stream().filter(manifest -> manifest.kind().equals("Deployment")))
                    .as("Deployments of %s", overlay)
                    .hasSizeGreaterThanOrEqualTo(SERVICES.size())
                    .allSatisfy(deployment -> {
                        if (SERVICES.contains(deployment.name())) {
                            assertProbes(deployment);
                            assertResourcesAndSecurity(deployment);
                        }
                        for (Map<String, Object> container : containers(deployment)) {
                            Map<String, Object> resources = map(container.get("resources"));
                            assertThat(map(resources.get("limits")))
                                    .as("%s limits", deployment)
                                    .containsKeys("cpu", "memory");
                            assertThat(String.valueOf(container.get("image")))
                                    .as("%s image: pinned by the kustomization", deployment)
                                    .containsAnyOf(":", "@");
                        }
                    });
        }
        List<Map<String, Object>> lagged = Kustomize.build(lagAutoscaling);
        assertThat(lagged.stream()
                        .filter(object -> "HorizontalPodAutoscaler".equals(object.get("kind")))
                        .filter(object -> "notifications-service"
                                .equals(map(object.get("metadata")).get("name")))
                        .flatMap(object -> list(map(object.get("spec")).get("metrics")).stream())
                        .map(metric -> map(metric).get("type")))
                .as("the lag component's metric added to the production autoscaler")
                .contains("Resource", "External");
    }

    @Test
    void theRenderedOverlaysCarryTheirPatchesAndGenerators() {
        List<Manifest> dev = Kustomize.build(OVERLAYS.resolve("dev")).stream()
                .map(object -> new Manifest(OVERLAYS.resolve("dev"), object))
                .toList();
        Manifest gateway = only(dev.stream().filter(manifest -> manifest.kind().equals("Deployment")), "gateway");
        assertThat(gateway.spec()).containsEntry("replicas", 1);
        assertThat(map(gateway.content().get("metadata"))).containsEntry("namespace", "convene-dev");
        assertThat(containers(gateway))
                .singleElement()
                .satisfies(container -> assertThat(container).containsEntry("image", "ghcr.io/convene/gateway:main"));
        assertThat(only(dev.stream().filter(manifest -> manifest.kind().equals("PodDisruptionBudget")), "gateway")
                        .spec())
                .containsEntry("maxUnavailable", 1)
                .doesNotContainKey("minAvailable");
        Manifest settings =
                only(dev.stream().filter(manifest -> manifest.kind().equals("ConfigMap")), "events-service-settings");
        assertThat(map(settings.content().get("data")))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "convene-kafka-bootstrap:9092")
                .containsEntry("CONVENE_PUBLIC_BASE_URL", "https://convene-dev.example.org")
                .containsEntry("SERVER_PORT", "8081");
    }

    @Test
    void aRenderedPatchWithAMisspeltFieldFailsTheSchemaCheck(@TempDir Path overlay) throws IOException {
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: convene-test
                resources:
                  - %s
                patches:
                  - target:
                      kind: Deployment
                      name: web
                    patch: |-
                      - op: add
                        path: /spec/template/spec/containers/0/resources/limitz
                        value:
                          memory: 1Gi
                """.formatted(BASE));
        List<String> problems = Kustomize.build(overlay).stream()
                .flatMap(object -> KubernetesSchemas.problems(object).stream())
                .toList();
        assertThat(problems)
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("limitz");
    }

    @Test
    void theRendererRefusesWhatItDoesNotSupport(@TempDir Path overlay) throws IOException {
        String kustomization = """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - %s
                namePrefix: staging-
                """.formatted(BASE);
        Files.writeString(overlay.resolve("kustomization.yaml"), kustomization);
        assertThatThrownBy(() -> Kustomize.build(overlay))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namePrefix");
        Files.writeString(overlay.resolve("kustomization.yaml"), kustomization.replace("namePrefix: staging-", """
                        patches:
                          - target:
                              kind: Deployment
                              annotationSelector: tier=web
                            patch: |-
                              - op: move
                                from: /spec/replicas
                                path: /spec/minReadySeconds
                        """));
        assertThatThrownBy(() -> Kustomize.build(overlay))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("annotationSelector");
        Files.writeString(overlay.resolve("kustomization.yaml"), kustomization.replace("namePrefix: staging-", """
                        patches:
                          - target:
                              kind: Deployment
                            patch: |-
                              - op: move
                                from: /spec/replicas
                                path: /spec/minReadySeconds
                        """));
        assertThatThrownBy(() -> Kustomize.build(overlay))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from");
    }

    // --- the optional components: monitoring, Kafka, MongoDB, Redis, lag autoscaling

    @Test
    void everyComponentIsAKustomizeComponentAndTheOverlaysUseOnlyThose() throws IOException {
        List<String> components;
        try (Stream<Path> directories = Files.list(COMPONENTS)) {
            components = directories
                    .filter(Files::isDirectory)
                    .map(directory -> directory.getFileName().toString())
                    .sorted()
                    .toList();
        }
        assertThat(components).contains("monitoring", "kafka", "mongodb", "redis", "lag-autoscaling");
        for (String component : components) {
            Map<String, Object> kustomization = kustomization(COMPONENTS.resolve(component));
            assertThat(kustomization)
                    .as("components/%s", component)
                    .containsEntry("apiVersion", "kustomize.config.k8s.io/v1alpha1")
                    .containsEntry("kind", "Component");
            for (String resource : strings(kustomization.get("resources"))) {
                assertThat(COMPONENTS.resolve(component).resolve(resource))
                        .as("resource of components/%s", component)
                        .exists();
            }
        }
        for (String overlay : List.of("dev", "production")) {
            for (String used : strings(kustomization(OVERLAYS.resolve(overlay)).get("components"))) {
                assertThat(OVERLAYS.resolve(overlay).resolve(used).normalize().getParent())
                        .as("component %s of overlays/%s", used, overlay)
                        .isEqualTo(COMPONENTS);
            }
        }
        assertThat(strings(kustomization(OVERLAYS.resolve("production")).get("components")))
                .containsExactly(
                        "../../components/monitoring",
                        "../../components/kafka",
                        "../../components/mongodb",
                        "../../components/redis");
    }

    @Test
    void prometheusScrapesEveryServiceOnItsManagementPort() {
        Manifest monitor = only(component("monitoring", "ServiceMonitor"), "convene");
        Map<String, Object> selected = map(map(monitor.spec().get("selector")).get("matchLabels"));
        assertThat(list(monitor.spec().get("endpoints")))
                .singleElement()
                .satisfies(endpoint -> assertThat(map(endpoint))
                        .containsEntry("port", "management")
                        .containsEntry("path", "/actuator/prometheus"));
        Manifest scrapePolicy = only(base("NetworkPolicy"), "allow-metrics-scrape");
        Map<String, Object> rule = map(list(scrapePolicy.spec().get("ingress")).getFirst());
        assertThat(list(rule.get("from")))
                .singleElement()
                .satisfies(from -> assertThat(
                                map(map(map(from).get("namespaceSelector")).get("matchLabels")))
                        .containsEntry("kubernetes.io/metadata.name", "monitoring"));
        List<Object> openPorts = list(rule.get("ports")).stream()
                .map(port -> map(port).get("port"))
                .toList();
        for (String service : SERVICES) {
            int managementPort = setting(service, "CONVENE_MANAGEMENT_PORT");
            Manifest metrics = only(component("monitoring", "Service"), service + "-management");
            assertThat(map(map(metrics.content().get("metadata")).get("labels")))
                    .as("%s is selected by %s", metrics, monitor)
                    .containsAllEntriesOf(selected);
            assertThat(map(metrics.spec().get("selector")))
                    .as("%s selects the service's pods", metrics)
                    .containsEntry("app.kubernetes.io/name", service);
            assertThat(list(metrics.spec().get("ports")))
                    .singleElement()
                    .satisfies(port -> assertThat(map(port))
                            .containsEntry("name", "management")
                            .containsEntry("port", managementPort)
                            .containsEntry("targetPort", "management"));
            assertThat(openPorts)
                    .as("%s lets Prometheus reach %s's management port", scrapePolicy, service)
                    .contains(managementPort);
        }
    }

    @Test
    void theDashboardConfigMapIsTheRepositorysDashboard() throws IOException {
        Map<String, Object> generator =
                map(list(kustomization(COMPONENTS.resolve("monitoring")).get("configMapGenerator"))
                        .getFirst());
        assertThat(map(map(generator.get("options")).get("labels"))).containsEntry("grafana_dashboard", "1");
        assertThat(strings(generator.get("files")))
                .containsExactly(DASHBOARD.getFileName().toString());
        assertThat(Files.readString(COMPONENTS.resolve("monitoring").resolve(DASHBOARD.getFileName())))
                .as("components/monitoring's copy of docker/grafana/dashboards/convene-overview.json (copy it again)")
                .isEqualTo(Files.readString(DASHBOARD));
    }

    @Test
    void theAlertRulesAreTheRepositorysAlertRules() throws IOException {
        assertThat(strings(kustomization(COMPONENTS.resolve("monitoring")).get("resources")))
                .contains("prometheus-rule.yaml");
        Manifest rule = only(component("monitoring", "PrometheusRule"), "convene-alerts");
        Map<String, Object> alerts;
        try (Reader reader = Files.newBufferedReader(ALERTS)) {
            alerts = map(new Yaml().load(reader));
        }
        assertThat(rule.spec().get("groups"))
                .as("components/monitoring/prometheus-rule.yaml's groups are docker/prometheus/alerts.yml's (copy them"
                        + " again)")
                .isEqualTo(alerts.get("groups"));
    }

    @Test
    void kafkaRunsInKraftNodePoolsWithEveryConveneTopic() {
        Manifest kafka = only(component("kafka", "Kafka"), "convene");
        Manifest pool = only(component("kafka", "KafkaNodePool"), "dual-role");
        assertThat(pool.spec()).containsEntry("replicas", 3);
        assertThat(strings(pool.spec().get("roles"))).containsExactlyInAnyOrder("controller", "broker");
        assertThat(map(map(pool.content().get("metadata")).get("labels")))
                .containsEntry("strimzi.io/cluster", kafka.name());
        assertThat(map(map(kafka.spec().get("kafka")).get("config")))
                .containsEntry("default.replication.factor", 3)
                .containsEntry("min.insync.replicas", 2);

        List<Manifest> topics = component("kafka", "KafkaTopic").toList();
        assertThat(topics.stream().map(topic -> topic.spec().get("topicName")))
                .as("KafkaTopics of components/kafka and contracts' Topics.all()")
                .containsExactlyInAnyOrderElementsOf(Topics.all());
        int consumersAtMost = ((Number) load(OVERLAYS.resolve("production/hpa.yaml")).entrySet().stream()
                        .filter(entry -> entry.getKey().equals("spec"))
                        .map(entry -> map(entry.getValue()).get("maxReplicas"))
                        .findFirst()
                        .orElseThrow())
                .intValue();
        for (Manifest topic : topics) {
            assertThat(map(map(topic.content().get("metadata")).get("labels")))
                    .as("%s", topic)
                    .containsEntry("strimzi.io/cluster", kafka.name());
            // docs/scaling.md, section 4.4: 12 partitions, so that every consumer the autoscalers start has one.
            assertThat(topic.spec())
                    .as("%s", topic)
                    .containsEntry("partitions", 12)
                    .containsEntry("replicas", 3);
            assertThat((Integer) topic.spec().get("partitions"))
                    .as("%s partitions for the consumers' autoscalers", topic)
                    .isGreaterThanOrEqualTo(Math.max(Topics.PARTITIONS, consumersAtMost));
        }
        Map<String, String> kafkaSettings = settingsLiterals(kustomization(COMPONENTS.resolve("kafka")));
        assertThat(kafkaSettings).containsEntry("KAFKA_BOOTSTRAP_SERVERS", kafka.name() + "-kafka-bootstrap:9092");
    }

    @Test
    void mongoUsersAndRedisAreWiredToTheServices() {
        Manifest mongo = only(component("mongodb", "MongoDBCommunity"), "convene-mongodb");
        assertThat(mongo.spec()).containsEntry("members", 3).containsEntry("type", "ReplicaSet");
        Set<String> described = MANIFESTS.stream()
                .filter(manifest -> manifest.file().equals(SECRETS_EXAMPLE))
                .map(Manifest::name)
                .collect(java.util.stream.Collectors.toSet());
        Set<String> databases = new TreeSet<>();
        for (Object entry : list(mongo.spec().get("users"))) {
            Map<String, Object> user = map(entry);
            databases.add(String.valueOf(user.get("db")));
            assertThat(described)
                    .as("%s: the password Secret of %s in secrets.example.yaml", mongo, user.get("name"))
                    .contains(String.valueOf(map(user.get("passwordSecretRef")).get("name")));
        }
        // Each service that owns a database has its user; the example URIs name the operator's replica set.
        for (String service : List.of("identity", "events", "registrations", "notifications")) {
            assertThat(databases).contains("convene-" + service);
            Manifest secret = only(
                    MANIFESTS.stream().filter(manifest -> manifest.file().equals(SECRETS_EXAMPLE)),
                    service + "-service-secrets");
            assertThat(String.valueOf(map(secret.content().get("stringData")).get("mongodb-uri")))
                    .contains("/convene-" + service + "?replicaSet=" + mongo.name());
        }

        Manifest redis = only(component("redis", "Service"), "redis");
        Map<String, String> gateway = settingsLiterals(kustomization(COMPONENTS.resolve("redis")));
        assertThat(gateway)
                .containsEntry("CONVENE_GATEWAY_RATE_LIMIT_STORE", "redis")
                .containsEntry("CONVENE_GATEWAY_SESSION_STORE", "redis")
                .containsEntry("CONVENE_GATEWAY_REDIS_HOST", redis.name())
                .containsEntry(
                        "CONVENE_GATEWAY_REDIS_PORT",
                        String.valueOf(
                                map(list(redis.spec().get("ports")).getFirst()).get("port")));
        Manifest redisDeployment = only(component("redis", "Deployment"), "redis");
        for (Map<String, Object> container : containers(redisDeployment)) {
            assertThat(container).containsKeys("readinessProbe", "livenessProbe", "resources");
            assertThat(map(container.get("securityContext")))
                    .containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("runAsNonRoot", true)
                    .containsEntry("allowPrivilegeEscalation", false);
        }
    }

    @Test
    void lagAutoscalingAddsTheConsumerGroupsLagToTheConsumersAutoscalers() {
        List<Object> patches =
                list(kustomization(COMPONENTS.resolve("lag-autoscaling")).get("patches"));
        Set<String> scaled = new TreeSet<>();
        for (Object entry : patches) {
            Map<String, Object> patch = map(entry);
            String service = String.valueOf(map(patch.get("target")).get("name"));
            scaled.add(service);
            assertThat(map(patch.get("target"))).containsEntry("kind", "HorizontalPodAutoscaler");
            List<Object> operations = list(new Yaml().load(String.valueOf(patch.get("patch"))));
            Map<String, Object> metric = map(map(operations.getFirst()).get("value"));
            assertThat(map(operations.getFirst())).containsEntry("op", "add").containsEntry("path", "/spec/metrics/-");
            assertThat(metric).containsEntry("type", "External");
            Map<String, Object> external = map(metric.get("external"));
            assertThat(map(external.get("metric"))).containsEntry("name", "kafka_consumergroup_lag");
            assertThat(map(map(map(external.get("metric")).get("selector")).get("matchLabels")))
                    .as("the consumer group of %s (its application.yml)", service)
                    .containsEntry("consumergroup", service);
            assertThat(read(applicationYml(service))).contains("group-id: " + service);
            // The metric as the API's autoscaling/v2 schema has it.
            assertThat(KubernetesSchemas.problems(Map.of(
                            "apiVersion",
                            "autoscaling/v2",
                            "kind",
                            "HorizontalPodAutoscaler",
                            "metadata",
                            Map.of("name", service),
                            "spec",
                            Map.of("metrics", List.of(metric)))))
                    .isEmpty();
        }
        assertThat(scaled).containsExactly("notifications-service", "registrations-service");
    }

    private static Stream<Manifest> component(String component, String kind) {
        return MANIFESTS.stream()
                .filter(manifest -> manifest.file().startsWith(COMPONENTS.resolve(component))
                        && manifest.kind().equals(kind));
    }

    private static Map<String, Object> yaml(String text) {
        return map(new Yaml().load(text));
    }

    // --- what the services read

    private static boolean reads(String service, String variable) {
        Pattern placeholder = Pattern.compile("\\$\\{" + Pattern.quote(variable) + "[:}]");
        return placeholder.matcher(read(applicationYml(service))).find()
                || placeholder.matcher(read(SERVICE_DEFAULTS)).find();
    }

    /** The value the manifests give a variable, else the application's default. */
    private static int setting(String service, String variable) {
        Object configured = settings(service).get(variable);
        if (configured != null) {
            return Integer.parseInt(configured.toString());
        }
        Matcher fallback = Pattern.compile("\\$\\{" + variable + ":(\\d+)}").matcher(read(applicationYml(service)));
        assertThat(fallback.find())
                .as("%s default in %s's application.yml", variable, service)
                .isTrue();
        return Integer.parseInt(fallback.group(1));
    }

    private static long shutdownSeconds() {
        Matcher timeout =
                Pattern.compile("\\$\\{CONVENE_SHUTDOWN_TIMEOUT:(\\d+)s}").matcher(read(SERVICE_DEFAULTS));
        assertThat(timeout.find())
                .as("CONVENE_SHUTDOWN_TIMEOUT in service-support's defaults")
                .isTrue();
        return Long.parseLong(timeout.group(1));
    }

    private static Path applicationYml(String service) {
        return REPOSITORY.resolve(service).resolve("src/main/resources/application.yml");
    }

    // --- what the manifests set

    /** Every variable a service gets: its containers' env (base and overlays) and its settings ConfigMap. */
    private static Set<String> variablesOf(String service) {
        Set<String> variables = new TreeSet<>(settings(service).keySet());
        for (Manifest deployment : MANIFESTS.stream()
                .filter(manifest ->
                        manifest.kind().equals("Deployment") && manifest.name().equals(service))
                .toList()) {
            for (Map<String, Object> container : containers(deployment)) {
                list(container.get("env"))
                        .forEach(
                                entry -> variables.add(String.valueOf(map(entry).get("name"))));
                for (Object source : list(container.get("envFrom"))) {
                    String configMap =
                            String.valueOf(map(map(source).get("configMapRef")).get("name"));
                    assertThat(configMap)
                            .as("%s takes its settings from %s-settings", deployment, service)
                            .isEqualTo(service + "-settings");
                }
            }
        }
        return variables;
    }

    /** The service's ConfigMap as the kustomizations generate it (base and every overlay) or as a plain ConfigMap. */
    private static Map<String, String> settings(String service) {
        Map<String, String> settings = new TreeMap<>();
        String name = service + "-settings";
        for (Path kustomization : kustomizations()) {
            for (Object generator : list(load(kustomization).get("configMapGenerator"))) {
                if (name.equals(map(generator).get("name"))) {
                    settings.putAll(literals(map(generator)));
                }
            }
        }
        MANIFESTS.stream()
                .filter(manifest ->
                        manifest.kind().equals("ConfigMap") && manifest.name().equals(name))
                .forEach(configMap -> map(configMap.content().get("data"))
                        .forEach((key, value) -> settings.put(key, String.valueOf(value))));
        return settings;
    }

    private static Map<String, String> settingsLiterals(Map<String, Object> kustomization) {
        Map<String, String> literals = new TreeMap<>();
        list(kustomization.get("configMapGenerator")).forEach(generator -> literals.putAll(literals(map(generator))));
        return literals;
    }

    private static Map<String, String> literals(Map<String, Object> generator) {
        Map<String, String> literals = new TreeMap<>();
        for (String literal : strings(generator.get("literals"))) {
            int equals = literal.indexOf('=');
            assertThat(equals).as("literal %s", literal).isPositive();
            literals.put(literal.substring(0, equals), literal.substring(equals + 1));
        }
        return literals;
    }

    /** The probes of a service's containers: the actuator's health groups on the management port. */
    private static void assertProbes(Manifest deployment) {
        String service = deployment.name();
        for (Map<String, Object> container : containers(deployment)) {
            int managementPort = setting(service, "CONVENE_MANAGEMENT_PORT");
            Map<String, Object> ports = containerPorts(container);
            assertThat(ports.get("http"))
                    .as("%s http port: the application's SERVER_PORT", deployment)
                    .isEqualTo(setting(service, "SERVER_PORT"));
            assertThat(ports.get("management"))
                    .as("%s management port: the application's CONVENE_MANAGEMENT_PORT", deployment)
                    .isEqualTo(managementPort);
            probe(deployment, container, "startupProbe", "/actuator/health/liveness", managementPort);
            probe(deployment, container, "readinessProbe", "/actuator/health/readiness", managementPort);
            probe(deployment, container, "livenessProbe", "/actuator/health/liveness", managementPort);
        }
    }

    /** Requests and limits, non-root on a read-only filesystem with a writable /tmp, a long enough grace period. */
    private static void assertResourcesAndSecurity(Manifest deployment) {
        Map<String, Object> podSpec = podSpec(deployment);
        Map<String, Object> podSecurity = map(podSpec.get("securityContext"));
        for (Map<String, Object> container : containers(deployment)) {
            Map<String, Object> resources = map(container.get("resources"));
            for (String bound : List.of("requests", "limits")) {
                assertThat(map(resources.get(bound)))
                        .as("%s resources.%s", deployment, bound)
                        .containsKeys("cpu", "memory");
            }
            Map<String, Object> security = map(container.get("securityContext"));
            assertThat(Boolean.TRUE.equals(security.get("runAsNonRoot"))
                            || Boolean.TRUE.equals(podSecurity.get("runAsNonRoot")))
                    .as("%s runAsNonRoot", deployment)
                    .isTrue();
            assertThat(security.get("readOnlyRootFilesystem"))
                    .as("%s readOnlyRootFilesystem", deployment)
                    .isEqualTo(true);
            assertThat(security.get("allowPrivilegeEscalation"))
                    .as("%s allowPrivilegeEscalation", deployment)
                    .isEqualTo(false);
            assertThat(list(container.get("volumeMounts")).stream()
                            .map(mount -> map(mount).get("mountPath")))
                    .as("%s writable /tmp", deployment)
                    .contains("/tmp");
        }
        assertThat(list(podSpec.get("volumes")))
                .as("%s /tmp volume", deployment)
                .anySatisfy(volume -> assertThat(map(volume)).containsKey("emptyDir"));
        // The grace period covers the pre-stop pause and the services' graceful shutdown phase.
        assertThat(((Number) podSpec.get("terminationGracePeriodSeconds")).longValue())
                .as("%s terminationGracePeriodSeconds", deployment)
                .isGreaterThan(shutdownSeconds() + 5);
    }

    private static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).find() && !NOT_SECRET.matcher(name).find();
    }

    private static void probe(
            Manifest deployment, Map<String, Object> container, String kind, String path, int managementPort) {
        Map<String, Object> get = map(map(container.get(kind)).get("httpGet"));
        assertThat(get.get("path")).as("%s %s path", deployment, kind).isEqualTo(path);
        Object port = get.get("port");
        Object number = port instanceof String name ? containerPorts(container).get(name) : port;
        assertThat(number).as("%s %s port", deployment, kind).isEqualTo(managementPort);
    }

    private static Map<String, Object> containerPorts(Map<String, Object> container) {
        Map<String, Object> ports = new HashMap<>();
        list(container.get("ports"))
                .forEach(port -> ports.put(
                        String.valueOf(map(port).get("name")), map(port).get("containerPort")));
        return ports;
    }

    private static Map<String, Object> podSpec(Manifest deployment) {
        return map(map(deployment.spec().get("template")).get("spec"));
    }

    private static List<Map<String, Object>> containers(Manifest manifest) {
        if (!manifest.kind().equals("Deployment")) {
            return List.of();
        }
        return list(podSpec(manifest).get("containers")).stream()
                .map(YamlFiles::map)
                .toList();
    }

    private static Stream<Manifest> base(String kind) {
        return MANIFESTS.stream()
                .filter(manifest -> manifest.inBase() && manifest.kind().equals(kind));
    }

    private static Manifest only(Stream<Manifest> manifests, String name) {
        List<Manifest> named =
                manifests.filter(manifest -> manifest.name().equals(name)).toList();
        assertThat(named).as("one object named %s", name).hasSize(1);
        return named.getFirst();
    }

    private static Map<String, Object> kustomization(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        assertThat(file)
                .as("kustomization of %s", KUBERNETES.relativize(directory))
                .exists();
        return load(file);
    }

    private static List<Path> kustomizations() {
        return yamlFiles().stream()
                .filter(file -> file.getFileName().toString().startsWith("kustomization."))
                .toList();
    }

    // --- reading

    /** Every object in every YAML file under deploy/kubernetes (several documents per file), kustomizations aside. */
    private static List<Manifest> manifests() {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : yamlFiles()) {
            if (file.getFileName().toString().startsWith("kustomization.")) {
                continue;
            }
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object document : new Yaml().loadAll(reader)) {
                    if (document != null) {
                        assertThat(document).as("a document of %s", file).isInstanceOf(Map.class);
                        manifests.add(new Manifest(file, map(document)));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
        }
        return manifests;
    }

    private static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(Files::isRegularFile)
                    .filter(file ->
                            file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + KUBERNETES, e);
        }
    }

    /** The root pom's modules that are Spring Boot services: those with an application.yml. */
    private static List<String> serviceModules() {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(read(REPOSITORY.resolve("pom.xml")));
        Set<String> services = new LinkedHashSet<>();
        while (module.find()) {
            if (Files.exists(applicationYml(module.group(1).trim()))) {
                services.add(module.group(1).trim());
            }
        }
        return List.copyOf(services);
    }

    private static Map<String, Object> load(Path file) {
        return YamlFiles.load(file);
    }

    private static List<String> strings(Object value) {
        return YamlFiles.strings(value).stream().filter(Objects::nonNull).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
