package org.convene.journeys;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.convene.journeys.ApiOperations.Leaf;
import org.convene.journeys.ApiOperations.Operation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hostile inputs for one operation, by kind. Each is a whole request that must be refused, or, for a read, may
 * instead answer exactly what a harmless request answers ({@code reference}): an operator taken as plain text, an
 * unknown parameter ignored. A write must always be refused; where the hostile part is in a header or the query
 * string (which a service may rightly ignore), the write is sent to an id that does not exist, or with an empty body,
 * so the check is that the hostile part neither breaks the refusal nor leaks, and changes nothing.
 */
final class HostileInputs {

    static final String NO_SUCH_ID = "hostile-suite-no-such-id";
    private static final String NOTHING = "hostile-suite-nothing";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** One input: the kind it belongs to, what it is, the request, and what a harmless request answers (reads only). */
    record Hostile(String kind, String what, RawHttp.Request request, List<RawHttp.Request> references, boolean token) {

        Hostile(String kind, String what, RawHttp.Request request, RawHttp.Request reference, boolean token) {
            this(kind, what, request, reference == null ? List.of() : List.of(reference), token);
        }
    }

    private final ApiOperations api;
    private final String organiserToken;
    private final Map<String, String> tokens;
    private final Map<String, String> fixtures;

    /**
     * @param fixtures existing ids by the path segment before the parameter ({@code events}, {@code newsletters},
     *     {@code manage}, ...), so that everything but the hostile part reaches real data
     */
    HostileInputs(
            ApiOperations api, String organiserToken, Map<String, String> forgedTokens, Map<String, String> fixtures) {
        this.api = api;
        this.organiserToken = organiserToken;
        this.tokens = forgedTokens;
        this.fixtures = fixtures;
    }

    List<Hostile> of(Operation operation) {
        var inputs = new ArrayList<Hostile>();
        tokens(operation, inputs);
        pathIds(operation, inputs);
        queryStrings(operation, inputs);
        declaredParameters(operation, inputs);
        headers(operation, inputs);
        if (operation.bodySchema() != null) {
            bodies(operation, inputs);
            contentTypes(operation, inputs);
            encodings(operation, inputs);
        }
        return inputs;
    }

    // ---- kinds -------------------------------------------------------------------------------------------------

    private void tokens(Operation operation, List<Hostile> inputs) {
        tokens.forEach((what, token) -> inputs.add(new Hostile(
                "expired or foreign token",
                what,
                request(
                        operation,
                        path(operation, Map.of()),
                        headersWith("Authorization: Bearer " + token),
                        baseBody(operation)),
                List.of(),
                true)));
    }

    private static final List<String> HOSTILE_IDS = List.of(
            "%7B%22%24ne%22%3Anull%7D",
            "%7B%22%24gt%22%3A%22%22%7D",
            "%7B%22%24where%22%3A%22sleep(5000)%22%7D",
            "%24where",
            "$where",
            "$ne",
            "%5B%24ne%5D",
            "[$ne]",
            "..",
            "%2e%2e",
            "..%2F..%2Factuator%2Fhealth",
            "..%252F..%252Factuator",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..;",
            "..%5C..%5Cwindows",
            "%00",
            "a%00b",
            "%C0%AE%C0%AE",
            "%FF%FE",
            "%ED%A0%80",
            "%E2%80%AEgnp.exe",
            "%0D%0AX-Injected:%20yes",
            "%09",
            "\u00C0\u00AE",
            "\u00FF",
            "a".repeat(10_000),
            "*",
            ".*",
            "this.constructor",
            "';return%20true;var%20a='",
            "null",
            "undefined",
            "-1",
            "99999999999999999999",
            "000000000000000000000000",
            "%20",
            "~",
            "%25",
            "%7B%7D");

    private void pathIds(Operation operation, List<Hostile> inputs) {
        for (var parameter : operation.pathParameters()) {
            for (var id : HOSTILE_IDS) {
                var target = path(operation, Map.of(parameter.name(), id));
                inputs.add(new Hostile(
                        "path traversal and operator-shaped ids",
                        parameter.name() + "=" + shorten(id),
                        request(operation, target, headersWith(), baseBody(operation)),
                        List.of(),
                        false));
            }
        }
    }

    private static final List<String> HOSTILE_QUERIES = List.of(
            "$where=sleep(5000)",
            "filter=%7B%22%24where%22%3A%22sleep(5000)%22%7D",
            "id[$ne]=1",
            "id%5B%24ne%5D=1",
            "$gt=&$ne=",
            "%00=%00",
            "a=%C0%AE",
            "a=%E2%80%AE",
            "a=%0D%0AX-Injected:%20yes",
            "__proto__[admin]=1",
            "a=" + "b".repeat(10_000),
            "sort=%7B%22%24natural%22%3A-1%7D",
            "limit=-1&size=-1&page=-1",
            "page[$gt]=0",
            "x=%27%3Bsleep(5000)%3B%27",
            "a=1&a=2&a[]=3",
            "organisationId=other&org_id=other&roles=admin");

    private void queryStrings(Operation operation, List<Hostile> inputs) {
        for (var query : HOSTILE_QUERIES) {
            if (operation.reads()) {
                var path = path(operation, Map.of());
                inputs.add(new Hostile(
                        "Mongo operators and junk in the query string",
                        shorten(query),
                        request(operation, path + "?" + query, headersWith(), null),
                        request(operation, path, headersWith(), null),
                        false));
            } else {
                inputs.add(refusedWrite(
                        operation, "Mongo operators and junk in the query string", shorten(query), query, List.of()));
            }
        }
    }

    private void declaredParameters(Operation operation, List<Hostile> inputs) {
        if (!operation.reads()) {
            return;
        }
        var path = path(operation, Map.of());
        for (var parameter : operation.queryParameters()) {
            var name = parameter.name();
            var values = new ArrayList<>(List.of(
                    "%7B%22%24ne%22%3Anull%7D",
                    "%7B%22%24gt%22%3A%22%22%7D",
                    "%7B%22%24where%22%3A%22sleep(5000)%22%7D",
                    "%24where",
                    "%27%3B%20sleep(5000)%3B%20%27",
                    ".*",
                    "%00",
                    "%C0%AE",
                    "%E2%80%AE",
                    "%0D%0AX-Injected:%20yes",
                    "c".repeat(10_000),
                    "..%2F..%2Fetc%2Fpasswd",
                    "-1",
                    "-99999999999",
                    "99999999999999999999",
                    "1e400",
                    "0x10",
                    "1.5",
                    "true"));
            for (var value : values) {
                // Harmless: the parameter left out, or given a value that matches nothing.
                inputs.add(new Hostile(
                        "wrong types, huge and negative numbers in parameters",
                        name + "=" + shorten(value),
                        request(operation, path + "?" + name + "=" + value, headersWith(), null),
                        List.of(
                                request(operation, path, headersWith(), null),
                                request(operation, path + "?" + name + "=" + NOTHING, headersWith(), null)),
                        false));
            }
            // Harmless: the parameter left out (an unknown name is ignored), or {@code name=x} (the brackets of
            // form-style arrays may be read as the parameter itself).
            for (var variant : List.of("[$ne]=x", "[$regex]=x", "[$gt]=x", "[]=x")) {
                inputs.add(new Hostile(
                        "Mongo operators and junk in the query string",
                        name + variant,
                        request(operation, path + "?" + name + variant, headersWith(), null),
                        List.of(
                                request(operation, path, headersWith(), null),
                                request(operation, path + "?" + name + "=x", headersWith(), null)),
                        false));
            }
        }
    }

    private static final List<String> HOSTILE_HEADERS = List.of(
            "X-Request-Id: a\rX-Injected: yes",
            "X-Request-Id: a\nX-Injected: yes",
            "X-Request-Id: a\u0000b",
            "X-Request-Id: a\r\n X-Injected: yes",
            "X-Request-Id: %0d%0aX-Injected:%20yes",
            "X-Request-Id: " + "r".repeat(10_000),
            "X-Request-Id: \u00E2\u0080\u00AEgnp",
            "X-Forwarded-For: 1.2.3.4\rX-Injected: yes",
            "X-Forwarded-For: $where",
            "X-Forwarded-For: 999.999.999.999, ::ffff:zz",
            "X-Forwarded-Host: evil.example",
            "X-Forwarded-Prefix: /../../actuator",
            "Forwarded: for=127.0.0.1;host=evil.example;proto=gopher",
            "traceparent: 00-{\"$ne\":null}-x-01",
            "baggage: a=b\rX-Injected: yes",
            "Idempotency-Key: {\"$ne\":null}",
            "Idempotency-Key: a\u0000b",
            "If-Match: W/\"{\\\"$gt\\\":0}\"",
            "If-Match: \"-1\"",
            "If-Match: \"99999999999999999999\"",
            "Cookie: SESSION={\"$ne\":null}; SESSION=../../",
            "X-XSRF-TOKEN: {\"$ne\":null}",
            "Origin: http://evil.example",
            "Accept: application/json\rX-Injected: yes",
            "X Injected: yes",
            "X-Request-Id : spaced",
            "Host: evil.example",
            "Content-Length: -1",
            "Transfer-Encoding: xchunked");

    private void headers(Operation operation, List<Hostile> inputs) {
        for (var header : HOSTILE_HEADERS) {
            var what = shorten(header.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0"));
            boolean framing = header.startsWith("Content-Length") || header.startsWith("Transfer-Encoding");
            if (operation.reads()) {
                var path = path(operation, Map.of());
                var hostile = new RawHttp.Request(
                        operation.method(), path, headersWith(header), framing ? "x".getBytes() : null, framing);
                inputs.add(new Hostile(
                        "header injection", what, hostile, request(operation, path, headersWith(), null), false));
            } else {
                inputs.add(refusedWrite(operation, "header injection", what, null, List.of(header)));
            }
        }
        // Framing that disagrees with itself, the way requests are smuggled: refused before any service sees it.
        var body = "{}".getBytes(StandardCharsets.US_ASCII);
        for (var framing : List.of(
                List.of("Content-Length: 2", "Content-Length: 3"),
                List.of("Content-Length: 2", "Transfer-Encoding: chunked"),
                List.of("Content-Length: abc"),
                List.of("Content-Length: 99999999999999999999"))) {
            inputs.add(new Hostile(
                    "header injection",
                    String.join(" + ", framing),
                    new RawHttp.Request(
                            operation.method(),
                            path(operation, operation.pathParameters().isEmpty() ? Map.of() : unknownIds(operation)),
                            withAll(headersWith("Content-Type: application/json"), framing),
                            body,
                            true),
                    List.of(),
                    false));
        }
    }

    private void bodies(Operation operation, List<Hostile> inputs) {
        var schema = operation.bodySchema();
        var target = path(operation, Map.of());
        java.util.function.BiConsumer<String, String[]> add = (kind, whatAndBody) -> inputs.add(new Hostile(
                kind,
                whatAndBody[0],
                request(
                        operation,
                        target,
                        headersWith("Content-Type: application/json"),
                        whatAndBody[1].replace(LONE_SURROGATE, "\\uD800").getBytes(StandardCharsets.UTF_8)),
                List.of(),
                false));
        // The whole body
        add.accept(
                "10,000-deep nesting", new String[] {"10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000)});
        add.accept(
                "10,000-deep nesting",
                new String[] {"10,000 nested objects", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)});
        var base = (ObjectNode) api.sample(schema);
        var first = base.propertyNames().iterator().next();
        var json = JSON.writeValueAsString(base);
        add.accept("duplicate keys", new String[] {
            "top-level key twice",
            json.substring(0, json.length() - 1) + ",\"" + first + "\":" + JSON.writeValueAsString(base.get(first))
                    + "}"
        });
        add.accept("duplicate keys", new String[] {
            "top-level key twice, first wins?",
            "{\"" + first + "\":" + JSON.writeValueAsString(base.get(first)) + "," + json.substring(1)
        });
        for (var leaf : api.leaves(schema)) {
            if (leaf.path().size() > 1 && leaf.path().getLast() instanceof String name) {
                var nested = (ObjectNode) api.sample(schema);
                var parent = at(nested, leaf.path().subList(0, leaf.path().size() - 1));
                if (parent instanceof ObjectNode object && object.has(name)) {
                    var text = JSON.writeValueAsString(object);
                    var doubled = text.substring(0, text.length() - 1) + ",\"" + name + "\":"
                            + JSON.writeValueAsString(object.get(name)) + "}";
                    var whole = JSON.writeValueAsString(nested).replace(text, doubled);
                    add.accept("duplicate keys", new String[] {leaf.name() + " twice", whole});
                    break;
                }
            }
        }
        for (var extra : List.of(
                "\"$where\":\"sleep(5000) || true\"",
                "\"$set\":{\"organisationId\":\"other\"}",
                "\"_id\":{\"$ne\":null}",
                "\"__proto__\":{\"admin\":true}",
                "\"@class\":\"Runtime\"",
                "\"organisationId\":\"other\",\"version\":99,\"status\":\"PUBLISHED\"")) {
            add.accept("Mongo operators in bodies", new String[] {
                "an extra " + shorten(extra), json.substring(0, json.length() - 1) + "," + extra + "}"
            });
        }
        for (var alone : List.of(
                "{\"$where\":\"sleep(5000)\"}",
                "{\"$ne\":null}",
                "{\"$or\":[{},{\"a\":1}]}",
                "{\"$expr\":{\"$gt\":[1,0]}}")) {
            add.accept("Mongo operators in bodies", new String[] {alone, alone});
        }
        // A body left out (empty, blank, JSON null) is refused only where one is required: an optional body may be
        // absent.
        var absent = operation.bodyRequired() ? List.of("", "   ", "null") : List.<String>of();
        for (var wrong : java.util.stream.Stream.concat(
                        absent.stream(),
                        java.util.stream.Stream.of(
                                "[]",
                                "[" + json + "]",
                                "\"x\"",
                                "1",
                                "true",
                                json.substring(0, json.length() - 1),
                                json + "x",
                                json + json,
                                "/*x*/" + json,
                                json.replace('"', '\''),
                                "{\"a\":NaN}",
                                "{\"a\":Infinity}",
                                "{\"a\":1,}",
                                "{,}",
                                "\"\\uD800\""))
                .toList()) {
            add.accept("wrong types", new String[] {"body " + shorten(wrong), wrong});
        }
        add.accept("huge arrays", new String[] {"an array of 200,000 objects", "[" + "{},".repeat(199_999) + "{}]"});
        add.accept("oversize strings", new String[] {
            "a 2 MB body", json.substring(0, json.length() - 1) + ",\"pad\":\"" + "p".repeat(2_000_000) + "\"}"
        });
        // Every field, one at a time, in an otherwise acceptable body.
        for (var leaf : api.leaves(schema)) {
            for (var mutation : mutations(leaf)) {
                var body = (ObjectNode) api.sample(schema);
                if (!set(body, leaf.path(), mutation.value())) {
                    continue;
                }
                add.accept(
                        mutation.kind(),
                        new String[] {leaf.name() + " " + mutation.what(), JSON.writeValueAsString(body)});
            }
        }
        // Bytes that are not UTF-8 in the first text field of an acceptable body.
        var textLeaf = api.leaves(schema).stream()
                .filter(leaf -> leaf.schema().path("type").asString().equals("string"))
                .findFirst();
        if (textLeaf.isPresent()) {
            for (var bad : List.of(
                    new byte[] {(byte) 0xC0, (byte) 0xAF},
                    new byte[] {(byte) 0xFF, (byte) 0xFE},
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    new byte[] {(byte) 0xE2, (byte) 0x82},
                    new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                    new byte[] {0x00},
                    new byte[] {0x1F})) {
                var body = (ObjectNode) api.sample(schema);
                set(body, textLeaf.get().path(), NODES.stringNode("MARK"));
                var text = JSON.writeValueAsString(body);
                int at = text.indexOf("MARK");
                var out = new ByteArrayOutputStream();
                out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(bad);
                out.writeBytes(text.substring(at + 4).getBytes(StandardCharsets.UTF_8));
                inputs.add(new Hostile(
                        "invalid UTF-8",
                        textLeaf.get().name() + " with bytes "
                                + java.util.HexFormat.of().formatHex(bad),
                        request(operation, target, headersWith("Content-Type: application/json"), out.toByteArray()),
                        List.of(),
                        false));
            }
        }
    }

    private record Mutation(String kind, String what, JsonNode value) {}

    /** Stands for an unpaired surrogate, sent as the JSON escape {@code \\uD800} (as a char it would not survive UTF-8). */
    private static final String LONE_SURROGATE = "LONE-SURROGATE-HERE";

    private static List<Mutation> mutations(Leaf leaf) {
        var schema = leaf.schema();
        var type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
        var list = new ArrayList<Mutation>();
        list.add(new Mutation("Mongo operators in bodies", "{$ne: null}", object("$ne", NODES.nullNode())));
        list.add(new Mutation(
                "Mongo operators in bodies",
                "{$where: ...}",
                object("$where", NODES.stringNode("sleep(5000) || true"))));
        list.add(new Mutation("Mongo operators in bodies", "{$regex: .*}", object("$regex", NODES.stringNode(".*"))));
        switch (type) {
            case "string" -> {
                list.add(new Mutation(
                        "wrong types", "as an array", NODES.arrayNode().add("$gt")));
                list.add(new Mutation("wrong types", "as a number", NODES.numberNode(12345)));
                list.add(new Mutation("wrong types", "as a boolean", NODES.booleanNode(true)));
                list.add(new Mutation("control and bidi characters", "with NUL", NODES.stringNode("Sam\u0000")));
                list.add(new Mutation(
                        "control and bidi characters",
                        "with a right-to-left override",
                        NODES.stringNode("Sam \u202Egnp.exe")));
                list.add(new Mutation(
                        "control and bidi characters", "with an escape sequence", NODES.stringNode("Sam\u001B[2J")));
                list.add(new Mutation(
                        "control and bidi characters", "with an isolate", NODES.stringNode("Sam\u2066x\u2069")));
                list.add(new Mutation(
                        "invalid UTF-8", "with a lone surrogate", NODES.stringNode("Sam" + LONE_SURROGATE)));
                int over = schema.has("maxLength") ? schema.path("maxLength").asInt() + 1 : 200_000;
                list.add(new Mutation("oversize strings", over + " characters", NODES.stringNode("a".repeat(over))));
                list.add(new Mutation("oversize strings", "900,000 characters", NODES.stringNode("a".repeat(900_000))));
            }
            case "integer", "number" -> {
                list.add(new Mutation("wrong types", "as text", NODES.stringNode("seven")));
                list.add(new Mutation("wrong types", "as a boolean", NODES.booleanNode(true)));
                list.add(new Mutation("huge and negative numbers", "-1", NODES.numberNode(-1)));
                list.add(new Mutation("huge and negative numbers", "-2147483649", NODES.numberNode(-2147483649L)));
                list.add(new Mutation("huge and negative numbers", "2147483648", NODES.numberNode(2147483648L)));
                list.add(new Mutation(
                        "huge and negative numbers", "1e400", NODES.numberNode(new java.math.BigDecimal("1e400"))));
                list.add(new Mutation(
                        "huge and negative numbers",
                        "a 40-digit number",
                        NODES.numberNode(new java.math.BigInteger("9".repeat(40)))));
                list.add(new Mutation("wrong types", "1.5", NODES.numberNode(1.5)));
                if (schema.has("maximum")) {
                    list.add(new Mutation(
                            "huge and negative numbers",
                            "maximum + 1",
                            NODES.numberNode(schema.path("maximum").asLong() + 1)));
                }
            }
            case "boolean" -> {
                list.add(new Mutation("wrong types", "as text", NODES.stringNode("yes")));
                list.add(new Mutation("wrong types", "as an object", NODES.objectNode()));
            }
            case "object" -> {
                list.add(new Mutation("wrong types", "as text", NODES.stringNode("x")));
                list.add(new Mutation("wrong types", "as a number", NODES.numberNode(1)));
                list.add(new Mutation("wrong types", "as an array", NODES.arrayNode()));
            }
            case "array" -> {
                var huge = NODES.arrayNode();
                for (int i = 0; i < 100_000; i++) {
                    huge.add("x" + (i % 10));
                }
                list.add(new Mutation("huge arrays", "100,000 items", huge));
                if (schema.has("maxItems")) {
                    var over = NODES.arrayNode();
                    for (int i = 0; i <= schema.path("maxItems").asInt(); i++) {
                        over.add("item" + i);
                    }
                    list.add(new Mutation("huge arrays", "maxItems + 1", over));
                }
                list.add(new Mutation("wrong types", "as text", NODES.stringNode("x")));
                list.add(new Mutation(
                        "Mongo operators in bodies",
                        "{$in: [...]}",
                        object("$in", NODES.arrayNode().add("a"))));
            }
            default -> {}
        }
        return list;
    }

    private void contentTypes(Operation operation, List<Hostile> inputs) {
        var json = JSON.writeValueAsBytes(api.sample(operation.bodySchema()));
        var target = path(operation, Map.of());
        record Typed(String contentType, byte[] body) {}
        for (var typed : List.of(
                new Typed(null, json),
                new Typed("text/plain", json),
                new Typed(
                        "application/x-www-form-urlencoded", "title=x&%24where=1".getBytes(StandardCharsets.US_ASCII)),
                new Typed(
                        "multipart/form-data; boundary=x",
                        "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n"
                                .getBytes(StandardCharsets.US_ASCII)),
                new Typed("application/xml", "<a>1</a>".getBytes(StandardCharsets.US_ASCII)),
                new Typed("text/html", json),
                new Typed("application/json; charset=UTF-16", json),
                new Typed("application/json; charset=nonsense", json),
                new Typed("application/octet-stream", json),
                new Typed("application/x-java-serialized-object", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5}),
                new Typed("image/png", json),
                new Typed("application/json\u0000", json),
                new Typed("../../json", json))) {
            var headers = typed.contentType() == null
                    ? headersWith(NO_TYPE)
                    : headersWith("Content-Type: " + typed.contentType());
            inputs.add(new Hostile(
                    "wrong and missing content types",
                    typed.contentType() == null
                            ? "no Content-Type"
                            : shorten(typed.contentType().replace("\u0000", "\\0")),
                    request(operation, target, headers, typed.body()),
                    List.of(),
                    false));
        }
    }

    private void encodings(Operation operation, List<Hostile> inputs) {
        var json = JSON.writeValueAsString(api.sample(operation.bodySchema()));
        // JSON allows any amount of whitespace: decompressed without a limit, this is a valid body of 50 MB.
        var bomb = json.substring(0, json.length() - 1) + " ".repeat(50_000_000) + "}";
        var target = path(operation, Map.of());
        record Encoded(String encoding, String what, byte[] body) {}
        for (var encoded : List.of(
                new Encoded("gzip", "gzip expanding to 50 MB", gzip(bomb.getBytes(StandardCharsets.US_ASCII))),
                new Encoded("deflate", "deflate expanding to 50 MB", deflate(bomb.getBytes(StandardCharsets.US_ASCII))),
                new Encoded(
                        "gzip",
                        "gzip inside gzip expanding to 50 MB",
                        gzip(gzip(bomb.getBytes(StandardCharsets.US_ASCII)))),
                new Encoded("gzip", "gzip claimed, plain JSON sent", json.getBytes(StandardCharsets.UTF_8)),
                new Encoded("br", "brotli claimed", new byte[] {1, 2, 3, 4}),
                new Encoded(
                        "gzip, gzip, gzip", "gzip three times claimed", gzip(json.getBytes(StandardCharsets.UTF_8))))) {
            inputs.add(new Hostile(
                    "gzip-encoded bodies past the limit",
                    encoded.what(),
                    request(
                            operation,
                            target,
                            headersWith("Content-Type: application/json", "Content-Encoding: " + encoded.encoding()),
                            encoded.body()),
                    List.of(),
                    false));
        }
    }

    // ---- building requests -------------------------------------------------------------------------------------

    /** A write made invalid by an id that does not exist, or an empty body, with the hostile part added. */
    private Hostile refusedWrite(
            Operation operation, String kind, String what, String query, List<String> extraHeaders) {
        String path;
        byte[] body = null;
        if (!operation.pathParameters().isEmpty()) {
            path = path(operation, unknownIds(operation));
            body = baseBody(operation);
        } else {
            path = path(operation, Map.of());
            body = "{}".getBytes(StandardCharsets.US_ASCII);
        }
        var headers = withAll(headersWith("Content-Type: application/json"), extraHeaders);
        boolean framing = extraHeaders.stream()
                .anyMatch(header -> header.startsWith("Content-Length") || header.startsWith("Transfer-Encoding"));
        return new Hostile(
                kind,
                what,
                new RawHttp.Request(
                        operation.method(), query == null ? path : path + "?" + query, headers, body, framing),
                List.of(),
                false);
    }

    private Map<String, String> unknownIds(Operation operation) {
        var ids = new java.util.HashMap<String, String>();
        operation.pathParameters().forEach(parameter -> ids.put(parameter.name(), NO_SUCH_ID));
        return ids;
    }

    private byte[] baseBody(Operation operation) {
        return operation.bodySchema() == null ? null : JSON.writeValueAsBytes(api.sample(operation.bodySchema()));
    }

    /** A request; a body is sent as JSON unless the headers say otherwise (or say there is no type at all). */
    private static RawHttp.Request request(Operation operation, String target, List<String> headers, byte[] body) {
        var all = new ArrayList<>(headers);
        boolean untyped = all.remove(NO_TYPE);
        if (body != null && !untyped && all.stream().noneMatch(header -> header.startsWith("Content-Type"))) {
            all.add("Content-Type: application/json");
        }
        return new RawHttp.Request(operation.method(), target, all, body, false);
    }

    /** Put among the headers: the body goes without a Content-Type. */
    private static final String NO_TYPE = "(no content type)";

    /** The organiser's token (unless another Authorization is given), a client address of its own, and these. */
    private List<String> headersWith(String... extra) {
        var headers = new ArrayList<String>();
        boolean ownAuthorization = List.of(extra).stream().anyMatch(header -> header.startsWith("Authorization"));
        if (!ownAuthorization) {
            headers.add("Authorization: Bearer " + organiserToken);
        }
        // A client address per request: the gateway's per-client rate limits would otherwise answer 429 and hide
        // whether the service refuses the input itself (the journeys' stack trusts the loopback proxy).
        int client = CLIENTS.incrementAndGet();
        headers.add("X-Forwarded-For: 10." + (client >> 16 & 255) + "." + (client >> 8 & 255) + "." + (client & 255));
        headers.add("Accept: application/json, application/problem+json");
        headers.addAll(List.of(extra));
        return headers;
    }

    private static List<String> withAll(List<String> headers, List<String> extra) {
        var all = new ArrayList<>(headers);
        all.addAll(extra);
        return all;
    }

    /** The operation's path with fixtures for its parameters, or the given raw values. */
    String path(Operation operation, Map<String, String> raw) {
        var path = operation.path();
        for (var parameter : operation.pathParameters()) {
            var placeholder = "{" + parameter.name() + "}";
            var value = raw.containsKey(parameter.name())
                    ? raw.get(parameter.name())
                    : URLEncoder.encode(fixture(operation.path(), parameter.name()), StandardCharsets.UTF_8);
            path = path.replace(placeholder, value);
        }
        return path;
    }

    String fixture(String path, String parameter) {
        var before = path.substring(0, path.indexOf("{" + parameter + "}"));
        var segments = before.split("/");
        return fixtures.getOrDefault(segments[segments.length - 1], NO_SUCH_ID);
    }

    // ---- JSON helpers ------------------------------------------------------------------------------------------

    private static ObjectNode object(String name, JsonNode value) {
        var object = NODES.objectNode();
        object.set(name, value);
        return object;
    }

    private static JsonNode at(JsonNode node, List<Object> path) {
        for (var step : path) {
            node = step instanceof Integer index ? node.path(index) : node.path((String) step);
        }
        return node;
    }

    private static boolean set(ObjectNode body, List<Object> path, JsonNode value) {
        var parent = at(body, path.subList(0, path.size() - 1));
        var last = path.getLast();
        if (parent instanceof ObjectNode object && last instanceof String name) {
            object.set(name, value);
            return true;
        }
        if (parent instanceof ArrayNode array && last instanceof Integer index && array.size() > index) {
            array.set(index, value);
            return true;
        }
        return false;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 40) + "…(" + text.length() + " chars)" : text;
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var deflate = new DeflaterOutputStream(out)) {
            deflate.write(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
