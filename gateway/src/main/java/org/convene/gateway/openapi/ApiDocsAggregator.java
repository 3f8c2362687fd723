package org.convene.gateway.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenAPI document for the whole public API: each routed service's springdoc document
 * ({@code <service>/v3/api-docs}) plus the gateway's own endpoints, merged. A service's path is
 * listed only if the gateway routes it to that service, so the document shows exactly what a client
 * can call through the gateway. Components that differ between services under one name are renamed
 * ({@code <route>_<Name>}) and duplicate operation ids prefixed the same way, so the result stays
 * valid. A service that does not answer is left out (and named in {@code x-convene-unavailable})
 * until it does; the merged document is kept for a short while.
 */
@Component
public class ApiDocsAggregator {

    static final String DOCS_PATH = "/v3/api-docs";
    private static final Logger log = LoggerFactory.getLogger(ApiDocsAggregator.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> OPERATIONS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final RouteDefinitionLocator routes;
    private final WebClient client;
    private final WebClient loadBalanced;
    private final JsonNode gatewayDocument;
    private final Mono<String> merged;

    public ApiDocsAggregator(
            RouteDefinitionLocator routes, ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> loadBalancing) {
        this.routes = routes;
        this.client = WebClient.create();
        // A route to several instances (lb://<service>) has its document read from any one of them.
        var balancing = loadBalancing.getIfAvailable();
        this.loadBalanced = balancing == null
                ? client
                : WebClient.builder().filter(balancing).build();
        try (var in = new ClassPathResource("openapi/gateway.json").getInputStream()) {
            this.gatewayDocument = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.merged = Mono.defer(this::merge)
                .map(document -> JSON.writeValueAsString(document))
                .cache(
                        document -> document.contains("x-convene-unavailable")
                                ? Duration.ofSeconds(5)
                                : Duration.ofSeconds(30),
                        error -> Duration.ZERO,
                        () -> Duration.ZERO);
    }

    public Mono<String> document() {
        return merged;
    }

    private record Service(String name, URI uri, int order, int index, List<PathPattern> paths) {}

    private record Source(String name, JsonNode document, Predicate<String> lists) {}

    private Mono<ObjectNode> merge() {
        return routes.getRouteDefinitions().collectList().flatMap(definitions -> {
            var services = services(definitions);
            return Flux.fromIterable(services)
                    .flatMapSequential(service -> fetch(service)
                            .map(document -> List.of(
                                    new Source(service.name(), document, path -> routedTo(services, path) == service)))
                            .defaultIfEmpty(List.of()))
                    .collectList()
                    .map(fetched -> {
                        var sources = new ArrayList<Source>();
                        sources.add(new Source("gateway", gatewayDocument, path -> true));
                        var unavailable = new ArrayList<String>();
                        for (int i = 0; i < services.size(); i++) {
                            if (fetched.get(i).isEmpty()) {
                                unavailable.add(services.get(i).name());
                            }
                            sources.addAll(fetched.get(i));
                        }
                        return merge(sources, unavailable);
                    });
        });
    }

    private static List<Service> services(List<RouteDefinition> definitions) {
        var services = new ArrayList<Service>();
        for (int i = 0; i < definitions.size(); i++) {
            var definition = definitions.get(i);
            // Every configured route has a URI and an id (RouteDefinition makes one up if none is given).
            var uri = Objects.requireNonNull(definition.getUri());
            var scheme = uri.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) && !"lb".equals(scheme)) {
                continue;
            }
            var paths = definition.getPredicates().stream()
                    .filter(predicate -> "Path".equals(predicate.getName()))
                    .flatMap(predicate -> predicate.getArgs().values().stream())
                    .flatMap(value -> List.of(value.split(",")).stream())
                    .map(String::strip)
                    .map(PathPatternParser.defaultInstance::parse)
                    .toList();
            // The pages' route (web) serves pages, not API: it has no document to merge.
            if (paths.stream().noneMatch(path -> path.getPatternString().startsWith("/api/"))) {
                continue;
            }
            services.add(new Service(Objects.requireNonNull(definition.getId()), uri, definition.getOrder(), i, paths));
        }
        services.sort(Comparator.comparingInt(Service::order).thenComparingInt(Service::index));
        return services;
    }

    /** The route the gateway would send this documented path to (routes are tried in order). */
    private static @Nullable Service routedTo(List<Service> services, String documentedPath) {
        var concrete = PathContainer.parsePath(documentedPath.replaceAll("\\{[^}/]+}", "x"));
        return services.stream()
                .filter(service -> service.paths().stream().anyMatch(pattern -> pattern.matches(concrete)))
                .findFirst()
                .orElse(null);
    }

    private Mono<JsonNode> fetch(Service service) {
        var uri = service.uri();
        var balanced = "lb".equals(uri.getScheme());
        return (balanced ? loadBalanced : client)
                .get()
                .uri(balanced ? URI.create("http://" + uri.getHost() + DOCS_PATH) : uri.resolve(DOCS_PATH))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(JSON::readTree)
                .filter(JsonNode::isObject)
                .onErrorResume(e -> {
                    log.warn("The API document of route {} could not be read: {}", service.name(), e.toString());
                    return Mono.empty();
                });
    }

    static ObjectNode merge(List<Source> sources, List<String> unavailable) {
        var merged = JSON.createObjectNode();
        merged.put(
                "openapi",
                sources.stream()
                        .map(source -> source.document().path("openapi").asString(""))
                        .filter(version -> !version.isEmpty())
                        .max(Comparator.naturalOrder())
                        .orElse("3.1.0"));
        var info = merged.putObject("info");
        info.put("title", "Convene API");
        info.put("version", "1");
        info.put(
                "description",
                "Every public endpoint of Convene, as served by the gateway. Errors are RFC 9457 problem details; "
                        + "see docs/api.md for rate limits, request ids and the gateway's 413, 429 and 503 answers.");
        merged.putArray("servers").addObject().put("url", "/");
        var paths = merged.putObject("paths");
        var components = merged.putObject("components");
        var tags = merged.putArray("tags");
        var tagNames = new HashSet<String>();
        var operationIds = new HashSet<String>();

        for (var source : sources) {
            var document = source.document().deepCopy();
            var renames = renames(source.name(), document.path("components"), components);
            rewriteRefs(document, renames);
            document.path("components").properties().forEach(section -> {
                var target = components.has(section.getKey())
                        ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                section.getValue().properties().forEach(entry -> {
                    var name = renames.getOrDefault(section.getKey(), Map.of())
                            .getOrDefault(entry.getKey(), entry.getKey());
                    if (!target.has(name)) {
                        target.set(name, entry.getValue());
                    }
                });
            });
            document.path("paths").properties().forEach(entry -> {
                if (!source.lists().test(entry.getKey()) || paths.has(entry.getKey())) {
                    return;
                }
                var item = (ObjectNode) entry.getValue();
                for (var operation : OPERATIONS) {
                    if (item.get(operation) instanceof ObjectNode op && op.has("operationId")) {
                        var id = op.get("operationId").asString();
                        if (!operationIds.add(id)) {
                            id = source.name() + "_" + id;
                            operationIds.add(id);
                            op.put("operationId", id);
                        }
                    }
                }
                paths.set(entry.getKey(), item);
            });
            for (var tag : document.path("tags")) {
                if (tagNames.add(tag.path("name").asString(""))) {
                    tags.add(tag);
                }
            }
        }
        if (tags.isEmpty()) {
            merged.remove("tags");
        }
        if (!unavailable.isEmpty()) {
            var missing = merged.putArray("x-convene-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }

    /** Component names of this source that already mean something else in the merged document. */
    private static Map<String, Map<String, String>> renames(String source, JsonNode components, ObjectNode merged) {
        var renames = new HashMap<String, Map<String, String>>();
        components.properties().forEach(section -> {
            var existing = merged.path(section.getKey());
            section.getValue().properties().forEach(entry -> {
                if (existing.has(entry.getKey())
                        && !existing.get(entry.getKey()).equals(entry.getValue())) {
                    renames.computeIfAbsent(section.getKey(), ignored -> new LinkedHashMap<>())
                            .put(entry.getKey(), source + "_" + entry.getKey());
                }
            });
        });
        return renames;
    }

    private static void rewriteRefs(JsonNode node, Map<String, Map<String, String>> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            if (object.get("$ref") instanceof JsonNode ref && ref.isString()) {
                var parts = ref.asString().split("/");
                if (parts.length == 4 && "#".equals(parts[0]) && "components".equals(parts[1])) {
                    var renamed = renames.getOrDefault(parts[2], Map.of()).get(parts[3]);
                    if (renamed != null) {
                        object.put("$ref", "#/components/" + parts[2] + "/" + renamed);
                    }
                }
            }
            for (var child : object.values()) {
                rewriteRefs(child, renames);
            }
        } else if (node instanceof ArrayNode array) {
            for (var child : array.values()) {
                rewriteRefs(child, renames);
            }
        }
    }

    static Set<String> operationsOf(JsonNode pathItem) {
        var methods = new HashSet<String>();
        OPERATIONS.forEach(operation -> {
            if (pathItem.has(operation)) {
                methods.add(operation);
            }
        });
        return methods;
    }
}
