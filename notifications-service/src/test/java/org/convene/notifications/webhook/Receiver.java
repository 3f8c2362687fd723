package org.convene.notifications.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request (headers and body, as
 * received) and answers with the status its rule gives for the path's request count so far.
 */
final class Receiver implements AutoCloseable {

    record Received(String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile Function<Received, Integer> answer = request -> 200;
    private final ConcurrentLinkedQueue<Integer> scripted = new ConcurrentLinkedQueue<>();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            var headers = new java.util.HashMap<String, String>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var request = new Received(exchange.getRequestURI().getPath(), headers, body);
            received.add(request);
            var next = scripted.poll();
            int status = next != null ? next : answer.apply(request);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every request gets this status unless a scripted one is waiting. */
    void answer(Function<Received, Integer> answer) {
        this.answer = answer;
    }

    /** The next requests get these statuses, in order. */
    void thenAnswer(Integer... statuses) {
        scripted.addAll(List.of(statuses));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> at(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
