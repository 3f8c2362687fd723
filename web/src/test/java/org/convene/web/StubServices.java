package org.convene.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The three services' APIs as the pages see them, over real HTTP: each path answers what a test set
 * for it, and every request is recorded (method, path, Authorization header, body) so a test can
 * prove what reached a service and what did not. An answer set for a path with its query
 * ({@code GET /api/events/e-2?invitation=…}) is given only to that query; one set for the path alone, to
 * any query; a path without an answer is a 404 problem, as the services answer an unknown event.
 */
final class StubServices implements AutoCloseable {

    record Answer(int status, String contentType, String body, long delayMillis, Map<String, String> headers) {

        Answer(int status, String contentType, String body, long delayMillis) {
            this(status, contentType, body, delayMillis, Map.of());
        }
    }

    record Received(String method, String path, String query, String authorization, String body, String ifMatch) {}

    private final HttpServer server;
    private final Map<String, Function<Received, Answer>> answers = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    StubServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(String methodAndPath, int status, String json) {
        respond(methodAndPath, request -> json(status, json));
    }

    void problem(String methodAndPath, int status, String json) {
        respond(methodAndPath, request -> new Answer(status, "application/problem+json", json, 0));
    }

    void slow(String methodAndPath, long delayMillis) {
        respond(methodAndPath, request -> new Answer(200, "application/json", "{}", delayMillis));
    }

    /** An answer that depends on the request (its body, say), as a service decides. */
    void respond(String methodAndPath, Function<Received, Answer> answer) {
        answers.put(methodAndPath, answer);
    }

    static Answer json(int status, String json) {
        return new Answer(status, "application/json", json, 0);
    }

    static Answer notFound() {
        return new Answer(
                404,
                "application/problem+json",
                "{\"type\":\"https://convene.dev/problems/not-found\",\"status\":404}",
                0);
    }

    void reset() {
        answers.clear();
        received.clear();
    }

    List<Received> received(String method) {
        return received.stream().filter(r -> r.method().equals(method)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        var method = exchange.getRequestMethod();
        var path = exchange.getRequestURI().getPath();
        var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var query = exchange.getRequestURI().getRawQuery();
        var headers = exchange.getRequestHeaders();
        var request = new Received(
                method, path, query, headers.getFirst("Authorization"), body, headers.getFirst("If-Match"));
        received.add(request);
        var answerer = answers.get(method + " " + path + (query == null ? "" : "?" + query));
        if (answerer == null) {
            answerer = answers.getOrDefault(method + " " + path, any -> notFound());
        }
        var answer = answerer.apply(request);
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
