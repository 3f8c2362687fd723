package org.convene.journeys;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The operations of the gateway's live OpenAPI document, and for each request body a sample built from its schema
 * (types, enums, patterns, bounds, formats), so a new endpoint or field is attacked without anyone listing it here.
 */
final class ApiOperations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicInteger SAMPLES = new AtomicInteger();

    record Parameter(String name, JsonNode schema) {}

    record Operation(
            String method,
            String path,
            List<Parameter> pathParameters,
            List<Parameter> queryParameters,
            JsonNode bodySchema,
            boolean bodyRequired) {

        boolean reads() {
            return method.equals("GET");
        }

        String name() {
            return method + " " + path;
        }
    }

    /** A field of a sample body: where it is, and its schema. */
    record Leaf(List<Object> path, JsonNode schema) {

        String name() {
            var name = new StringBuilder();
            for (var step : path) {
                if (step instanceof Integer index) {
                    name.append('[').append(index).append(']');
                } else {
                    name.append(name.isEmpty() ? "" : ".").append(step);
                }
            }
            return name.toString();
        }
    }

    private final JsonNode document;

    ApiOperations(JsonNode document) {
        this.document = document;
    }

    /**
     * Every operation a service serves through the gateway. The gateway's own sign-in endpoints (tagged {@code session}:
     * start sign-in, sign out, who is signed in) read nothing but the session cookie and are left to the gateway's tests.
     */
    List<Operation> operations() {
        var operations = new ArrayList<Operation>();
        for (var path : document.path("paths").propertyNames()) {
            var item = document.path("paths").path(path);
            for (var method : List.of("get", "post", "put", "delete", "patch")) {
                var operation = item.path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                var tags = new ArrayList<String>();
                operation.path("tags").forEach(tag -> tags.add(tag.asString()));
                if (tags.contains("session")) {
                    continue;
                }
                var pathParameters = new ArrayList<Parameter>();
                var queryParameters = new ArrayList<Parameter>();
                for (var parameter : operation.path("parameters")) {
                    var resolved = resolve(parameter);
                    var in = resolved.path("in").asString();
                    var p = new Parameter(resolved.path("name").asString(), resolve(resolved.path("schema")));
                    if (in.equals("path")) {
                        pathParameters.add(p);
                    } else if (in.equals("query")) {
                        queryParameters.add(p);
                    }
                }
                var body = operation
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                operations.add(new Operation(
                        method.toUpperCase(java.util.Locale.ROOT),
                        path,
                        pathParameters,
                        queryParameters,
                        body.isMissingNode() ? null : resolve(body),
                        operation.path("requestBody").path("required").asBoolean(false)));
            }
        }
        return operations;
    }

    /** A body the schema allows, every property filled; email addresses are new each time, so none is taken. */
    JsonNode sample(JsonNode schema) {
        return sample(resolve(schema), "", 0);
    }

    /** Every field of a sample (objects' properties, arrays' first items), the nested ones included. */
    List<Leaf> leaves(JsonNode schema) {
        var leaves = new ArrayList<Leaf>();
        collect(resolve(schema), new ArrayList<>(), leaves, 0);
        return leaves;
    }

    private void collect(JsonNode schema, List<Object> at, List<Leaf> leaves, int depth) {
        if (depth > 6) {
            return;
        }
        if (schema.has("properties")) {
            for (var name : schema.path("properties").propertyNames()) {
                var child = resolve(schema.path("properties").path(name));
                var path = new ArrayList<>(at);
                path.add(name);
                leaves.add(new Leaf(path, child));
                collect(child, path, leaves, depth + 1);
            }
        } else if (schema.has("items")) {
            var path = new ArrayList<>(at);
            path.add(0);
            var item = resolve(schema.path("items"));
            leaves.add(new Leaf(path, item));
            collect(item, path, leaves, depth + 1);
        }
    }

    JsonNode resolve(JsonNode node) {
        var seen = 0;
        while (node.has("$ref") && seen++ < 10) {
            var ref = node.path("$ref").asString();
            node = document.at(ref.substring(1));
        }
        return node;
    }

    private JsonNode sample(JsonNode schema, String name, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        var type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                var object = NODES.objectNode();
                if (depth < 6) {
                    for (var property : schema.path("properties").propertyNames()) {
                        object.set(property, sample(schema.path("properties").path(property), property, depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                var array = NODES.arrayNode();
                array.add(sample(schema.path("items"), name, depth + 1));
                return array;
            }
            case "integer", "number" -> {
                long value = Math.max(1, schema.path("minimum").asLong(1));
                if (schema.has("maximum")) {
                    value = Math.min(value, schema.path("maximum").asLong());
                }
                return NODES.numberNode(value);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            default -> {
                return NODES.stringNode(text(schema, name));
            }
        }
    }

    private static String text(JsonNode schema, String name) {
        var lower = name.toLowerCase(java.util.Locale.ROOT);
        var day = LocalDate.now().plusDays(40);
        if (schema.path("format").asString().equals("date-time")) {
            if (lower.contains("ends") || lower.contains("closes")) {
                return day + "T14:00:00";
            }
            if (lower.contains("opens")) {
                return LocalDate.now().plusDays(1) + "T09:00:00";
            }
            return day + "T10:00:00";
        }
        if (schema.path("format").asString().equals("date")) {
            return day.toString();
        }
        if (schema.path("format").asString().equals("email") || lower.contains("email") || lower.equals("contact")) {
            return "hostile-" + SAMPLES.incrementAndGet() + "-" + System.nanoTime() + "@example.org";
        }
        if (schema.has("pattern")) {
            var pattern = schema.path("pattern").asString();
            if (pattern.startsWith("#")) {
                return "#336699";
            }
            if (pattern.contains("|")) {
                return pattern.split("\\|")[0];
            }
            if (pattern.startsWith("[0-9+")) {
                return "07700 900123";
            }
            return "demo";
        }
        if (lower.equals("timezone")) {
            return "Europe/London";
        }
        if (lower.equals("postcode")) {
            return "LS1 6DT";
        }
        if (lower.contains("link") || lower.contains("url")) {
            return "https://example.org/meeting";
        }
        if (lower.contains("interpreter") || lower.contains("language")) {
            return "BSL";
        }
        return "Hostile suite " + (name.isEmpty() ? "text" : name);
    }
}
