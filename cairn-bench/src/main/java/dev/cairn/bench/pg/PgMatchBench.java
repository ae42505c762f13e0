package dev.cairn.bench.pg;

import dev.cairn.bench.data.Synthetic;
import dev.cairn.core.signal.SignalType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The match lookups done as an indexed PostgreSQL query, for comparison with the in-memory index: the project's schema
 * (the Flyway migrations, applied in order into a schema of its own), {@code signals} rows of the same synthetic data
 * as the other benchmarks, then batches of {@code batch} already-normalised keys looked up with one
 * {@code SELECT ... FROM signal WHERE type = ? AND match_key = ANY(?)} per type present in the batch.
 *
 * <pre>
 * --jdbc=jdbc:postgresql://127.0.0.1:5432/test --user=postgres --schema=cairn_bench
 * --migrations=cairn-server/src/main/resources/db/migration --signals=1000000 --batch=10000
 * [--types=SHA256,MD5,SHA1,EMAIL] [--hit-rate=0.01] [--threads=1,2] [--requests=60] [--seconds=60] [--keep=false]
 * </pre>
 * The schema is dropped at the end unless {@code --keep=true}; with {@code --keep=true} an existing, loaded schema is
 * reused.
 */
public final class PgMatchBench {
    private static final String QUERY = "SELECT id, type, match_key, owner_id, confidence, valid_until FROM signal "
            + "WHERE type = ? AND match_key = ANY(?) AND status = 'ACTIVE'";

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        String url = o.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/test");
        if (!url.startsWith("jdbc:postgresql://127.0.0.1") && !url.startsWith("jdbc:postgresql://localhost")) {
            throw new IllegalArgumentException("loopback only: " + url);
        }
        String schema = o.getOrDefault("schema", "cairn_bench");
        if (!schema.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("bad schema name " + schema);
        }
        Properties props = new Properties();
        props.setProperty("user", o.getOrDefault("user", "postgres"));
        props.setProperty("password", o.getOrDefault("password", ""));
        props.setProperty("currentSchema", schema);
        long n = Long.parseLong(o.getOrDefault("signals", "1000000"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "10000"));
        boolean keep = Boolean.parseBoolean(o.getOrDefault("keep", "false"));

        try (Connection c = DriverManager.getConnection(url, props)) {
            if (!loaded(c, schema, n)) {
                load(c, schema, Path.of(o.getOrDefault("migrations", "cairn-server/src/main/resources/db/migration")), n);
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('signal')), "
                         + "pg_size_pretty(pg_relation_size('signal_match'))")) {
                rs.next();
                System.out.printf("signal table %s in all, index signal_match %s%n", rs.getString(1), rs.getString(2));
            }
        }

        SignalType[] types = Synthetic.types(o.getOrDefault("types", "SHA256,MD5,SHA1,EMAIL"));
        double hitRate = Double.parseDouble(o.getOrDefault("hit-rate", "0.01"));
        int distinct = 16;
        List<Map<SignalType, String[]>> batches = new ArrayList<>();
        for (int b = 0; b < distinct; b++) {
            Synthetic.Query[] qs = Synthetic.queries(types, n, hitRate, batch, 1000 + b);
            Map<SignalType, List<String>> byType = new EnumMap<>(SignalType.class);
            for (Synthetic.Query q : qs) {
                byType.computeIfAbsent(q.type(), t -> new ArrayList<>()).add(q.key());
            }
            Map<SignalType, String[]> m = new EnumMap<>(SignalType.class);
            byType.forEach((t, keys) -> m.put(t, keys.toArray(String[]::new)));
            batches.add(m);
        }
        try (Connection c = DriverManager.getConnection(url, props);
             PreparedStatement ps = c.prepareStatement("EXPLAIN " + QUERY)) {
            ps.setString(1, "SHA256");
            ps.setArray(2, c.createArrayOf("varchar", batches.get(0).get(SignalType.SHA256)));
            try (ResultSet rs = ps.executeQuery()) {
                System.out.println("plan:");
                while (rs.next()) {
                    String line = rs.getString(1);
                    System.out.println("  " + (line.length() > 120 ? line.substring(0, 120) + "..." : line));
                }
            }
        }

        int requests = Integer.parseInt(o.getOrDefault("requests", "60"));
        long seconds = Long.parseLong(o.getOrDefault("seconds", "60"));
        for (String t : o.getOrDefault("threads", "1,2").split(",")) {
            int threads = Integer.parseInt(t.trim());
            run(url, props, batches, batch, threads, Math.max(4, requests / 6), Long.MAX_VALUE, "warm-up");
            run(url, props, batches, batch, threads, requests, seconds * 1_000_000_000L, "measured");
        }

        if (!keep) {
            try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
                System.out.println("dropped schema " + schema);
            }
        }
    }

    private static void run(String url, Properties props, List<Map<SignalType, String[]>> batches, int batch,
                            int threads, int requests, long budgetNanos, String label) throws Exception {
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong rows = new AtomicLong();
        long[] lat = new long[requests];
        Throwable[] failure = new Throwable[1];
        List<Thread> ts = new ArrayList<>();
        long[] start = {0};
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            ts.add(Thread.ofPlatform().start(() -> {
                try (Connection c = DriverManager.getConnection(url, props); PreparedStatement ps = c.prepareStatement(QUERY)) {
                    c.setReadOnly(true);
                    ready.countDown();
                    go.await();
                    int k;
                    while (failure[0] == null && System.nanoTime() - start[0] < budgetNanos
                            && (k = issued.getAndIncrement()) < requests) {
                        long s = System.nanoTime();
                        long found = 0;
                        for (Map.Entry<SignalType, String[]> e : batches.get(k % batches.size()).entrySet()) {
                            ps.setString(1, e.getKey().name());
                            Array arr = c.createArrayOf("varchar", e.getValue());
                            ps.setArray(2, arr);
                            try (ResultSet rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    rs.getObject(1, UUID.class);
                                    rs.getString(3);
                                    found++;
                                }
                            }
                        }
                        lat[done.getAndIncrement()] = System.nanoTime() - s;
                        rows.addAndGet(found);
                    }
                } catch (Throwable e) {
                    failure[0] = e;
                    ready.countDown();
                }
            }));
        }
        ready.await();
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread t : ts) {
            t.join();
        }
        double secs = (System.nanoTime() - start[0]) / 1e9;
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
        long[] l = Arrays.copyOf(lat, done.get());
        Arrays.sort(l);
        System.out.printf("%s threads=%d requests=%d items=%,d seconds=%.2f items_per_s=%,.0f p50_ms=%.1f p99_ms=%.1f rows=%,d%n",
                label.equals("measured") ? "RESULT" : label, threads, l.length, (long) l.length * batch, secs,
                l.length * (double) batch / secs, l[l.length / 2] / 1e6,
                l[Math.min(l.length - 1, (int) Math.ceil(0.99 * l.length) - 1)] / 1e6, rows.get());
    }

    private static boolean loaded(Connection c, String schema, long n) throws Exception {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                     + schema + "' AND table_name = 'signal'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return false;
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM signal")) {
            rs.next();
            boolean ok = rs.getLong(1) == n;
            System.out.printf("schema %s exists with %,d signals%s%n", schema, rs.getLong(1), ok ? ": reused" : "");
            if (!ok) {
                throw new IllegalStateException("schema " + schema + " holds other data; drop it first");
            }
            return true;
        }
    }

    private static void load(Connection c, String schema, Path migrations, long n) throws Exception {
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            st.execute("SET search_path TO " + schema);
            List<Path> files;
            try (Stream<Path> s = Files.list(migrations)) {
                files = s.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
            }
            for (Path f : files) {
                st.execute(Files.readString(f));
                System.out.println("applied " + f.getFileName());
            }
            // Load without the secondary indexes, then build them: same end state, much faster than indexing per row.
            st.execute("DROP INDEX signal_match, signal_owner_created, signal_status_valid, signal_created");
            st.execute("INSERT INTO participant (id, slug, name, status, created_at, updated_at) VALUES "
                    + "('00000000-0000-0000-0000-00000000ca1a', 'bench', 'Bench', 'ACTIVE', now(), now())");
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String until = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        int chunk = 100_000;
        for (long start = 0; start < n; start += chunk) {
            StringBuilder sb = new StringBuilder(chunk * 200);
            for (long i = start; i < Math.min(n, start + chunk); i++) {
                SignalType t = Synthetic.storedType(i);
                String v = Synthetic.value(t, i);
                sb.append(new UUID(0xCA1L, i)).append('\t').append(t.name()).append('\t').append(v).append('\t')
                        .append(Synthetic.key(t, v)).append("\tf\t").append(50 + i % 50).append("\t\\N\t\\N\t\\N\t")
                        .append(until).append("\tACTIVE\t\\N\t00000000-0000-0000-0000-00000000ca1a\t")
                        .append(now).append('\t').append(now).append("\t1\n");
            }
            copy.copyIn("COPY signal (id, type, submitted_value, match_key, blinded, confidence, description, platform, "
                    + "pdq_quality, valid_until, status, status_reason, owner_id, created_at, updated_at, version) "
                    + "FROM STDIN", new StringReader(sb.toString()));
        }
        System.out.printf("copied %,d rows in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX signal_match ON signal (type, match_key)");
            st.execute("CREATE INDEX signal_owner_created ON signal (owner_id, created_at)");
            st.execute("CREATE INDEX signal_status_valid ON signal (status, valid_until)");
            st.execute("CREATE INDEX signal_created ON signal (created_at, id)");
            st.execute("ANALYZE signal");
        }
        System.out.printf("loaded and indexed %,d rows in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    private static int version(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}
