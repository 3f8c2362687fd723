package org.convene.localstack;

import static org.convene.localstack.YamlFiles.list;
import static org.convene.localstack.YamlFiles.map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The Kubernetes API's schemas, offline (issue 20): a built-in object is read into fabric8's model of the API, in
 * which a field the API does not have or a value of the wrong type fails; an operator's custom resource (Strimzi,
 * Prometheus Operator, MongoDB Community Operator) must be of a version we target and carry the fields its operator
 * requires. Works on the documents as written, patches included (a partial object is still made of real fields).
 */
final class KubernetesSchemas {

    private static final Map<String, Class<?>> BUILT_IN = Map.of(
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Namespace", Namespace.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** What each operator's custom resource definition requires, as paths that must hold a value. */
    private static final Map<String, List<String>> CUSTOM = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka",
            List.of(
                    "metadata.annotations.strimzi.io/kraft",
                    "metadata.annotations.strimzi.io/node-pools",
                    "spec.kafka.listeners"),
            "kafka.strimzi.io/v1beta2/KafkaNodePool",
            List.of("metadata.labels.strimzi.io/cluster", "spec.replicas", "spec.roles", "spec.storage.type"),
            "kafka.strimzi.io/v1beta2/KafkaTopic",
            List.of("metadata.labels.strimzi.io/cluster", "spec.partitions", "spec.replicas"),
            "monitoring.coreos.com/v1/ServiceMonitor",
            List.of("spec.selector", "spec.endpoints"),
            "monitoring.coreos.com/v1/PodMonitor",
            List.of("spec.selector", "spec.podMetricsEndpoints"),
            "monitoring.coreos.com/v1/PrometheusRule",
            List.of("spec.groups"),
            "mongodbcommunity.mongodb.com/v1/MongoDBCommunity",
            List.of("spec.members", "spec.type", "spec.version", "spec.security.authentication.modes", "spec.users"));

    private static final Set<String> KAFKA_NODE_ROLES = Set.of("controller", "broker");

    /**
     * Every fabric8 model class takes unknown fields into an "additional properties" map (any-setter) so that a
     * client survives a newer API server. Here that leniency is the bug: without the any-setter an unknown field
     * is an error, as kubectl's server-side field validation (Strict) would make it.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // The API server decodes strictly: a number or a list where it wants a string is an error, not "5".
            .withCoercionConfig(
                    LogicalType.Textual,
                    strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Array, CoercionAction.Fail))
            .build();

    private KubernetesSchemas() {}

    static boolean isBuiltIn(Map<String, Object> object) {
        return BUILT_IN.containsKey(type(object));
    }

    /** What is wrong with one object against its schema; empty when nothing is. */
    static List<String> problems(Map<String, Object> object) {
        String type = type(object);
        List<String> problems = new ArrayList<>();
        if (map(object.get("metadata")).get("name") == null) {
            problems.add(type + " without metadata.name");
        }
        Class<?> model = BUILT_IN.get(type);
        if (model != null) {
            try {
                STRICT.convertValue(object, model);
            } catch (JacksonException | IllegalArgumentException e) {
                problems.add(type + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
            return problems;
        }
        List<String> required = CUSTOM.get(type);
        if (required == null) {
            problems.add(type + " is not a kind (or not the version) these manifests use");
            return problems;
        }
        for (String path : required) {
            Object value = at(object, path);
            if (value == null || (value instanceof List<?> values && values.isEmpty())) {
                problems.add(type + " without " + path);
            }
        }
        Map<String, Object> spec = map(object.get("spec"));
        switch (type) {
            case "kafka.strimzi.io/v1beta2/Kafka" -> {
                Map<String, Object> annotations =
                        map(map(object.get("metadata")).get("annotations"));
                for (String annotation : List.of("strimzi.io/kraft", "strimzi.io/node-pools")) {
                    if (!"enabled".equals(annotations.get(annotation))) {
                        problems.add(type + ": " + annotation + " must be enabled (KRaft with node pools)");
                    }
                }
                if (spec.containsKey("zookeeper")) {
                    problems.add(type + ": spec.zookeeper with KRaft");
                }
                for (Object listener : list(map(spec.get("kafka")).get("listeners"))) {
                    for (String field : List.of("name", "port", "type", "tls")) {
                        if (map(listener).get(field) == null) {
                            problems.add(type + ": a listener without " + field);
                        }
                    }
                }
            }
            case "kafka.strimzi.io/v1beta2/KafkaNodePool" -> {
                for (Object role : list(spec.get("roles"))) {
                    if (!KAFKA_NODE_ROLES.contains(role)) {
                        problems.add(type + ": role " + role + " is not controller or broker");
                    }
                }
                positive(type, spec, "replicas", problems);
            }
            case "kafka.strimzi.io/v1beta2/KafkaTopic" -> {
                positive(type, spec, "partitions", problems);
                positive(type, spec, "replicas", problems);
            }
            case "monitoring.coreos.com/v1/ServiceMonitor" -> {
                for (Object endpoint : list(spec.get("endpoints"))) {
                    if (map(endpoint).get("port") == null) {
                        problems.add(type + ": an endpoint without port");
                    }
                }
            }
            case "mongodbcommunity.mongodb.com/v1/MongoDBCommunity" -> {
                if (!"ReplicaSet".equals(spec.get("type"))) {
                    problems.add(type + ": spec.type must be ReplicaSet");
                }
                positive(type, spec, "members", problems);
                for (Object user : list(spec.get("users"))) {
                    for (String path :
                            List.of("name", "db", "passwordSecretRef.name", "roles", "scramCredentialsSecretName")) {
                        if (at(map(user), path) == null) {
                            problems.add(type + ": a user without " + path);
                        }
                    }
                }
            }
            default -> {}
        }
        return problems;
    }

    static String type(Map<String, Object> object) {
        return object.get("apiVersion") + "/" + object.get("kind");
    }

    private static void positive(String type, Map<String, Object> spec, String field, List<String> problems) {
        if (spec.containsKey(field) && !(spec.get(field) instanceof Integer number && number > 0)) {
            problems.add(type + ": spec." + field + " must be a positive whole number");
        }
    }

    /** The value at a dotted path; label and annotation keys (which hold dots and slashes) end the path. */
    private static Object at(Map<String, Object> object, String path) {
        Object current = object;
        String rest = path;
        while (true) {
            Map<String, Object> here = map(current);
            if (here.containsKey(rest)) {
                return here.get(rest);
            }
            int dot = rest.indexOf('.');
            if (dot < 0) {
                return null;
            }
            current = here.get(rest.substring(0, dot));
            rest = rest.substring(dot + 1);
        }
    }
}
