package dev.cairn.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A stand-in for the server's change feed on 127.0.0.1 with the same contract: events in seq order, upserts rendered
 * from the signal's current state, removals as tombstones, NDJSON ending in a {@code next_cursor} line, JSON pages
 * with long-poll. {@link #cutStreamAfter} makes the next streams stop after K events, as a dropped connection would.
 */
final class FakeExchange implements AutoCloseable {
    static final String KEY = "cairn_fake_key";

    private record Sig(String id, String value, int version, boolean active) {
    }

    private record Event(long seq, String kind, String signalId) {
    }

    private final HttpServer server;
    private final Map<String, Sig> signals = new HashMap<>();
    private final List<Event> log = new ArrayList<>();
    volatile int cutStreamAfter = -1;

    FakeExchange() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/feed", this::feed);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized String create(String value) {
        String id = UUID.randomUUID().toString();
        signals.put(id, new Sig(id, value, 1, true));
        append("created", id);
        return id;
    }

    synchronized void update(String id, String value) {
        Sig s = signals.get(id);
        signals.put(id, new Sig(id, value, s.version() + 1, true));
        append("updated", id);
    }

    synchronized void retract(String id) {
        Sig s = signals.get(id);
        signals.put(id, new Sig(id, s.value(), s.version() + 1, false));
        append("retracted", id);
    }

    private void append(String kind, String id) {
        log.add(new Event(log.size() + 1, kind, id));
        notifyAll();
    }

    /** What a correct mirror holds: id to value of every active signal. */
    synchronized Map<String, String> active() {
        Map<String, String> out = new TreeMap<>();
        signals.values().stream().filter(Sig::active).forEach(s -> out.put(s.id(), s.value()));
        return out;
    }

    synchronized long head() {
        return log.size();
    }

    private synchronized String render(Event e) {
        Sig s = signals.get(e.signalId());
        boolean live = !e.kind().equals("retracted") && s.active();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("event", e.kind());
        m.put("signal_id", e.signalId());
        m.put("type", "DOMAIN");
        m.put("at", "2027-01-01T00:00:00Z");
        m.put("should_delete", !live);
        if (live) {
            Map<String, Object> sig = new LinkedHashMap<>();
            sig.put("id", s.id());
            sig.put("type", "DOMAIN");
            sig.put("value", s.value());
            sig.put("status", "ACTIVE");
            sig.put("version", s.version());
            m.put("signal", sig);
        } else {
            m.put("match_key_sha256", "0".repeat(64));
        }
        return Json.MAPPER.writeValueAsString(m);
    }

    private synchronized List<Event> after(long after, int limit) {
        return log.stream().filter(e -> e.seq() > after).limit(limit).toList();
    }

    private void feed(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] body = "{\"status\":401,\"detail\":\"Unknown API key\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            long after = Long.parseLong(q.getOrDefault("after", "0"));
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            if (accept != null && accept.contains("ndjson")) {
                exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                long high = head();
                List<Event> events = after(after, Integer.MAX_VALUE).stream().filter(e -> e.seq() <= high).toList();
                int cut = cutStreamAfter;
                int sent = 0;
                for (Event e : events) {
                    if (cut >= 0 && sent == cut) {
                        return;
                    }
                    out.write((render(e) + "\n").getBytes(StandardCharsets.UTF_8));
                    sent++;
                }
                out.write(("{\"next_cursor\":\"" + Math.max(after, high) + "\"}\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            int limit = Integer.parseInt(q.getOrDefault("limit", "1000"));
            long deadline = System.nanoTime() + Long.parseLong(q.getOrDefault("wait", "0")) * 1_000_000_000L;
            List<Event> events;
            synchronized (this) {
                while ((events = after(after, limit)).isEmpty() && System.nanoTime() < deadline) {
                    try {
                        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            StringBuilder body = new StringBuilder("{\"events\":[");
            for (int i = 0; i < events.size(); i++) {
                body.append(i == 0 ? "" : ",").append(render(events.get(i)));
            }
            long next = events.size() == limit ? events.getLast().seq() : Math.max(after, head());
            body.append("],\"next_cursor\":\"").append(next).append("\",\"caught_up\":").append(events.size() < limit).append('}');
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                String[] kv = part.split("=", 2);
                out.put(kv[0], kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
