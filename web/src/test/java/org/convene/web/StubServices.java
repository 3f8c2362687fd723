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

/**
 * The three services' APIs as the pages see them, over real HTTP: each path answers what a test set
 * for it, and every request is recorded (method, path, Authorization header, body) so a test can
 * prove what reached a service and what did not.
 */
final class StubServices implements AutoCloseable {

    record Answer(int status, String contentType, String body, long delayMillis) {}

    record Received(String method, String path, String query, String authorization, String body) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
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
        answers.put(methodAndPath, new Answer(status, "application/json", json, 0));
    }

    void problem(String methodAndPath, int status, String json) {
        answers.put(methodAndPath, new Answer(status, "application/problem+json", json, 0));
    }

    void slow(String methodAndPath, long delayMillis) {
        answers.put(methodAndPath, new Answer(200, "application/json", "{}", delayMillis));
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
        received.add(new Received(
                method,
                path,
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        var answer = answers.get(method + " " + path);
        if (answer == null) {
            answer = new Answer(
                    404,
                    "application/problem+json",
                    "{\"type\":\"https://convene.dev/problems/not-found\",\"status\":404}",
                    0);
        }
        if (answer.delayMillis() > 0) {
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
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
