package dev.cairn.bench.feed;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load driver for the change feed (BENCHMARKS.md, change feed section). Loopback only; synthetic data only.
 * <ul>
 *   <li>{@code seed JDBC_URL N}: inserts N active DOMAIN signals (*.example.org) with their category and CREATED event
 *   straight into a migrated Cairn database, owned by the operator participant, and advances the feed counter.</li>
 *   <li>{@code seed-api SERVER KEY N}: submits N signals through {@code POST /api/v1/signals/batch} in NDJSON batches
 *   of 10,000, a mix of e-mail, URL, domain, username and SHA-256 values, so that the stored rows are what production
 *   holds: identifier values sealed with the server's AEAD key, keyed match keys, change events from the server.</li>
 *   <li>{@code stream SERVER KEY}: reads the whole NDJSON feed, parsing every line, and reports events/s.</li>
 *   <li>{@code latency SERVER KEY N [START_CURSOR]}: one long-polling reader; N sequential writes through the API; reports the
 *   time from each write's request start to the reader holding the event (p50/p95/p99).</li>
 * </ul>
 */
public final class FeedBench {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FeedBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "seed" -> seed(args[1], Integer.parseInt(args[2]));
            case "seed-api" -> seedApi(args[1], args[2], Integer.parseInt(args[3]));
            case "stream" -> stream(args[1], args[2]);
            case "latency" -> latency(args[1], args[2], Integer.parseInt(args[3]), args.length > 4 ? args[4] : null);
            default -> {
                System.err.println("usage: seed JDBC_URL N | seed-api SERVER KEY N | stream SERVER KEY | latency SERVER KEY N [START_CURSOR]");
                System.exit(2);
            }
        }
    }

    static void seed(String url, int n) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            UUID owner;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id FROM participant WHERE operator = TRUE ORDER BY created_at")) {
                rs.next();
                owner = rs.getObject(1, UUID.class);
            }
            long first;
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE feed_counter SET last_seq = last_seq + " + n + " WHERE id = 1");
                try (ResultSet rs = s.executeQuery("SELECT last_seq FROM feed_counter WHERE id = 1")) {
                    rs.next();
                    first = rs.getLong(1) - n + 1;
                }
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            OffsetDateTime until = now.plusDays(300);
            try (PreparedStatement sig = c.prepareStatement("""
                    INSERT INTO signal (id, type, submitted_value, match_key, blinded, confidence, description, platform,
                                        pdq_quality, valid_until, status, status_reason, owner_id, created_at, updated_at, version)
                    VALUES (?, 'DOMAIN', ?, ?, FALSE, 60, 'synthetic benchmark signal', NULL, NULL, ?, 'ACTIVE', NULL, ?, ?, ?, 1)""");
                 PreparedStatement cat = c.prepareStatement("INSERT INTO signal_category (signal_id, code) VALUES (?, 'GROOMING')");
                 PreparedStatement ev = c.prepareStatement("""
                         INSERT INTO signal_event (seq, signal_id, owner_id, signal_type, kind, match_key_sha256, categories, created_at)
                         VALUES (?, ?, ?, 'DOMAIN', 'CREATED', ?, ',GROOMING,', ?)""")) {
                for (int i = 0; i < n; i++) {
                    UUID id = new UUID(System.currentTimeMillis() << 16 | 0x7000L | (i & 0xFFF),
                            ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
                    String host = "bench-" + i + ".example.org";
                    sig.setObject(1, id);
                    sig.setString(2, host);
                    sig.setString(3, host);
                    sig.setObject(4, until);
                    sig.setObject(5, owner);
                    sig.setObject(6, now);
                    sig.setObject(7, now);
                    sig.addBatch();
                    cat.setObject(1, id);
                    cat.addBatch();
                    ev.setLong(1, first + i);
                    ev.setObject(2, id);
                    ev.setObject(3, owner);
                    ev.setString(4, sha256Hex(host));
                    ev.setObject(5, now);
                    ev.addBatch();
                    if ((i + 1) % 5000 == 0 || i == n - 1) {
                        sig.executeBatch();
                        cat.executeBatch();
                        ev.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("ANALYZE"); // fresh planner statistics, as autovacuum would gather after a bulk load
        }
        System.out.printf("seeded %d signals in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    static void seedApi(String server, String key, int n) throws Exception {
        long t0 = System.nanoTime();
        int batch = 10_000;
        for (int from = 0; from < n; from += batch) {
            StringBuilder body = new StringBuilder(batch * 120);
            for (int i = from; i < Math.min(n, from + batch); i++) {
                body.append("{\"type\":\"").append(MIX_TYPES[i % MIX_TYPES.length]).append("\",\"value\":\"")
                        .append(mixValue(i)).append("\",\"categories\":[\"GROOMING\"],\"confidence\":60,")
                        .append("\"description\":\"synthetic benchmark signal\"}\n");
            }
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/signals/batch"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/x-ndjson")
                    .header("Idempotency-Key", "feedbench-" + n + "-" + from)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("batch at " + from + ": " + r.statusCode() + " " + r.body());
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("submitted %d signals through the API in %.1f s = %.0f signals/s%n", n, s, n / s);
    }

    private static final String[] MIX_TYPES = {"EMAIL", "URL", "DOMAIN", "USERNAME", "SHA256"};

    /** A distinct, valid, synthetic value of {@code MIX_TYPES[i % 5]}: reserved names only. */
    private static String mixValue(int i) {
        return switch (i % MIX_TYPES.length) {
            case 0 -> "member" + i + "@example.com";
            case 1 -> "https://files-" + i + ".example.net/share/" + Integer.toHexString(i * 31);
            case 2 -> "bench-" + i + ".example.org";
            case 3 -> "bench_user_" + i;
            default -> sha256Hex("feedbench-" + i);
        };
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void stream(String server, String key) throws Exception {
        long t0 = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/api/v1/feed?after=0"))
                .header("Authorization", "Bearer " + key).header("Accept", "application/x-ndjson").build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long events = 0;
        long bytes = 0;
        String cursor = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = lines.readLine()) != null) {
                bytes += line.length() + 1;
                JsonNode node = JSON.readTree(line);
                if (node.has("seq")) {
                    events++;
                } else {
                    cursor = node.get("next_cursor").asString();
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("streamed %d events (%.0f MB) in %.1f s = %.0f events/s; final cursor %s%n",
                events, bytes / 1e6, s, events / s, cursor);
    }

    /** {@code startCursor}: the feed head if known (paging to it through a large feed takes a while). */
    static void latency(String server, String key, int writes, String startCursor) throws Exception {
        String start = startCursor != null ? startCursor : head(server, key);
        Map<String, Long> received = new ConcurrentHashMap<>();
        // Wall-clock micros from the change's server timestamp ("at", taken in the committing transaction just
        // before commit; same machine, same clock) to the reader holding it: an upper bound of commit -> receipt.
        Map<String, Long> sinceChange = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            String cursor = start;
            ready.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    JsonNode page = get(server, key, "/api/v1/feed?limit=1000&wait=30&after=" + cursor);
                    long now = System.nanoTime();
                    java.time.Instant wall = java.time.Instant.now();
                    for (JsonNode e : page.get("events")) {
                        sinceChange.put(e.get("signal_id").asString(),
                                java.time.Duration.between(java.time.Instant.parse(e.get("at").asString()), wall).toNanos() / 1000);
                        received.put(e.get("signal_id").asString(), now);
                    }
                    cursor = page.get("next_cursor").asString();
                } catch (Exception e) {
                    return;
                }
            }
        });
        ready.await();
        Thread.sleep(200);
        List<Long> micros = new ArrayList<>();
        List<Long> commitMicros = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < writes; i++) {
            String body = """
                    {"type":"DOMAIN","value":"latency-%s-%d.example.net","categories":["GROOMING"],"confidence":50}"""
                    .formatted(run, i);
            long sent = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/signals"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("write failed: " + r.statusCode() + " " + r.body());
            }
            String id = JSON.readTree(r.body()).get("id").asString();
            long deadline = System.nanoTime() + 5_000_000_000L;
            Long got;
            while ((got = received.get(id)) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("event for write " + i + " never arrived");
                }
                Thread.onSpinWait();
            }
            micros.add((got - sent) / 1000);
            commitMicros.add(sinceChange.get(id));
            Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25));
        }
        reader.interrupt();
        Collections.sort(micros);
        System.out.printf("latency over %d writes (write request start -> long-poll reader has the event): "
                        + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", writes,
                pct(micros, 50), pct(micros, 95), pct(micros, 99), micros.getLast() / 1000.0);
        Collections.sort(commitMicros);
        System.out.printf("latency over %d writes (change committed -> long-poll reader has the event): "
                        + "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", writes,
                pct(commitMicros, 50), pct(commitMicros, 95), pct(commitMicros, 99), commitMicros.getLast() / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, i)) / 1000.0;
    }

    private static String head(String server, String key) throws Exception {
        String cursor = "0";
        while (true) {
            JsonNode page = get(server, key, "/api/v1/feed?limit=10000&after=" + cursor);
            cursor = page.get("next_cursor").asString();
            if (page.get("caught_up").asBoolean()) {
                return cursor;
            }
        }
    }

    private static JsonNode get(String server, String key, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server + path))
                .header("Authorization", "Bearer " + key).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
