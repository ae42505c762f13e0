package dev.cairn.server.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on 127.0.0.1 that answers 503 to the first {@code failFirst} requests (or all, until healed). */
final class Receiver implements AutoCloseable {
    record Request(String body, Map<String, List<String>> headers, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final AtomicInteger failuresLeft;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    Receiver(int failFirst) throws IOException {
        failuresLeft = new AtomicInteger(failFirst);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0 ? 503 : 204;
            requests.add(new Request(body, Map.copyOf(exchange.getRequestHeaders()), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** From now on every request fails. */
    void breakDown() {
        failuresLeft.set(Integer.MAX_VALUE);
    }

    void heal() {
        failuresLeft.set(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() == 204).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
