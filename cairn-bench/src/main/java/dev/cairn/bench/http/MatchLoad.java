package dev.cairn.bench.http;

import dev.cairn.bench.data.Synthetic;
import dev.cairn.core.signal.SignalType;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load driver for a Cairn server on the loopback interface. Two commands:
 *
 * <pre>
 * seed  --url=http://127.0.0.1:8080 --key=KEY --signals=1000000 [--batch=10000] [--concurrency=2]
 * match --url=http://127.0.0.1:8080 --key=KEY --signals=1000000 [--batch=10000] [--concurrency=2]
 *       [--types=SHA256,MD5,SHA1,EMAIL] [--hit-rate=0.01] [--warmup=20] [--requests=200] [--seconds=60]
 * </pre>
 *
 * {@code seed} shares the synthetic signals {@code 0..signals-1} of {@link Synthetic} through
 * {@code POST /api/v1/signals/batch}. {@code match} sends pre-built {@code POST /api/v1/match} bodies of {@code batch}
 * items from {@code concurrency} client threads, first {@code warmup} requests unmeasured, then until
 * {@code requests} requests or {@code seconds} have passed, whichever comes first, and prints items/s, request
 * latency and the hit count the server returned. Refuses any host but the loopback. Always stops by itself.
 */
public final class MatchLoad {
    private static final Pattern MATCHED = Pattern.compile("\"matched_items\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: MatchLoad seed|match --url=... --key=... [options]; see the class comment");
            System.exit(2);
        }
        Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
        URI base = URI.create(o.getOrDefault("url", "http://127.0.0.1:8080"));
        if (!InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback only: " + base.getHost());
        }
        String key = require(o, "key");
        long signals = Long.parseLong(o.getOrDefault("signals", "1000000"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "10000"));
        int concurrency = Integer.parseInt(o.getOrDefault("concurrency", "2"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        switch (args[0]) {
            case "seed" -> seed(client, base, key, signals, batch, concurrency);
            case "match" -> match(client, base, key, signals, batch, concurrency, o);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void seed(HttpClient client, URI base, String key, long signals, int batch, int concurrency)
            throws Exception {
        URI uri = base.resolve("/api/v1/signals/batch");
        AtomicLong nextStart = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int c = 0; c < concurrency; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    long start;
                    while ((start = nextStart.getAndAdd(batch)) < signals && failure[0] == null) {
                        long end = Math.min(signals, start + batch);
                        StringBuilder sb = new StringBuilder((int) (end - start) * 120).append('[');
                        for (long i = start; i < end; i++) {
                            SignalType t = Synthetic.storedType(i);
                            if (i > start) {
                                sb.append(',');
                            }
                            sb.append("{\"type\":\"").append(t).append("\",\"value\":");
                            quote(sb, Synthetic.value(t, i));
                            sb.append(",\"categories\":[\"CSAM_KNOWN\"],\"confidence\":").append(50 + i % 50).append('}');
                        }
                        sb.append(']');
                        HttpResponse<String> r = send(client, uri, key, sb.toString(), Duration.ofMinutes(5));
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("seed batch at " + start + ": HTTP " + r.statusCode() + " "
                                    + r.body().substring(0, Math.min(500, r.body().length())));
                        }
                        long d = done.addAndGet(end - start);
                        if (d % 100_000 < batch) {
                            System.out.printf("seeded %,d in %.1f s%n", d, (System.nanoTime() - t0) / 1e9);
                        }
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("seeded %,d signals in %.1f s (%,.0f signals/s)%n", done.get(), s, done.get() / s);
    }

    private static void match(HttpClient client, URI base, String key, long signals, int batch, int concurrency,
                              Map<String, String> o) throws Exception {
        SignalType[] types = Synthetic.types(o.getOrDefault("types", "SHA256,MD5,SHA1,EMAIL"));
        double hitRate = Double.parseDouble(o.getOrDefault("hit-rate", "0.01"));
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
        int requests = Integer.parseInt(o.getOrDefault("requests", "200"));
        long seconds = Long.parseLong(o.getOrDefault("seconds", "60"));
        int distinct = Integer.parseInt(o.getOrDefault("bodies", "16"));
        URI uri = base.resolve("/api/v1/match");

        String[] bodies = new String[distinct];
        long expectedHits = 0;
        for (int b = 0; b < distinct; b++) {
            Synthetic.Query[] qs = Synthetic.queries(types, signals, hitRate, batch, 1000 + b);
            StringBuilder sb = new StringBuilder(batch * 90).append("{\"items\":[");
            for (int j = 0; j < qs.length; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append("{\"type\":\"").append(qs[j].type()).append("\",\"value\":");
                quote(sb, qs[j].value());
                sb.append('}');
                expectedHits += qs[j].hit() ? 1 : 0;
            }
            bodies[b] = sb.append("]}").toString();
        }
        System.out.printf("match: %d distinct bodies of %,d items (%s), %.1f KiB each, %.2f%% hits expected%n",
                distinct, batch, Arrays.toString(types), bodies[0].length() / 1024.0,
                100.0 * expectedHits / ((long) distinct * batch));

        run(client, uri, key, bodies, concurrency, warmup, Long.MAX_VALUE, "warm-up");
        Result r = run(client, uri, key, bodies, concurrency, requests, seconds * 1_000_000_000L, "measured");
        long[] lat = r.latenciesNanos;
        Arrays.sort(lat);
        System.out.printf("RESULT requests=%d items=%,d seconds=%.2f items_per_s=%,.0f requests_per_s=%.1f "
                        + "p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f matched_items=%,d concurrency=%d batch=%d%n",
                lat.length, (long) lat.length * batch, r.seconds, lat.length * (double) batch / r.seconds,
                lat.length / r.seconds, pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), lat[lat.length - 1] / 1e6,
                r.matched, concurrency, batch);
    }

    private record Result(long[] latenciesNanos, double seconds, long matched) {
    }

    private static Result run(HttpClient client, URI uri, String key, String[] bodies, int concurrency,
                              int requests, long budgetNanos, String label) throws Exception {
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        AtomicLong matched = new AtomicLong();
        long[] lat = new long[requests];
        Throwable[] failure = new Throwable[1];
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    int n;
                    while (failure[0] == null && System.nanoTime() - t0 < budgetNanos
                            && (n = issued.getAndIncrement()) < requests) {
                        long s = System.nanoTime();
                        HttpResponse<String> r = send(client, uri, key, bodies[n % bodies.length], Duration.ofSeconds(60));
                        long e = System.nanoTime();
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + r.statusCode() + ": "
                                    + r.body().substring(0, Math.min(500, r.body().length())));
                        }
                        Matcher m = MATCHED.matcher(r.body());
                        if (m.find()) {
                            matched.addAndGet(Long.parseLong(m.group(1)));
                        }
                        lat[completed.getAndIncrement()] = e - s;
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failure[0] != null) {
            throw new IllegalStateException(label + " failed", failure[0]);
        }
        System.out.printf("%s: %d requests in %.2f s%n", label, completed.get(), seconds);
        return new Result(Arrays.copyOf(lat, completed.get()), seconds, matched.get());
    }

    private static HttpResponse<String> send(HttpClient client, URI uri, String key, String body, Duration timeout)
            throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || a.indexOf('=') < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return o;
    }

    private static String require(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
