package dev.cairn.bench.data;

import dev.cairn.core.signal.SignalType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Writes the synthetic signals {@code 0..signals-1} of {@link Synthetic} straight into a stopped server's embedded H2
 * file database (schema already created by the server's Flyway migrations at a first start), owned by one
 * participant. Rows are what {@code SignalRepository.insertAll} writes (signal + signal_category); no change-feed
 * events are written, so the feed does not show them. Much faster than the batch API; the server indexes them when it
 * starts.
 *
 * <pre>SeedH2 DATA_DIR SIGNALS OWNER_SLUG</pre>
 */
public final class SeedH2 {
    /** The secondary indexes of {@code signal} in V1__foundation.sql. */
    private static final String[] INDEXES = {
            "signal_match ON signal (type, match_key)",
            "signal_owner_created ON signal (owner_id, created_at)",
            "signal_status_valid ON signal (status, valid_until)",
            "signal_created ON signal (created_at, id)"};

    public static void main(String[] args) throws Exception {
        String dataDir = args[0];
        long n = Long.parseLong(args[1]);
        String owner = args.length > 2 ? args[2] : "northwind";
        String url = "jdbc:h2:file:" + dataDir + "/cairn;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";CACHE_SIZE=524288";
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.setAutoCommit(false);
            UUID ownerId;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM participant WHERE slug = ?")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no participant " + owner);
                    }
                    ownerId = rs.getObject(1, UUID.class);
                }
            }
            // Load without the secondary indexes, then build them again as the migration defines them: same end state,
            // and far faster than maintaining random-order indexes row by row.
            try (var st = c.createStatement()) {
                for (String idx : INDEXES) {
                    st.execute("DROP INDEX " + idx.substring(0, idx.indexOf(' ')));
                }
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Timestamp created = Timestamp.from(now);
            Timestamp until = Timestamp.from(now.plus(365, ChronoUnit.DAYS));
            try (PreparedStatement sig = c.prepareStatement("""
                    INSERT INTO signal (id, type, submitted_value, match_key, blinded, confidence, description, platform,
                                        pdq_quality, valid_until, status, status_reason, owner_id, created_at, updated_at, version)
                    VALUES (?, ?, ?, ?, FALSE, ?, NULL, NULL, NULL, ?, 'ACTIVE', NULL, ?, ?, ?, 1)""");
                 PreparedStatement cat = c.prepareStatement("INSERT INTO signal_category (signal_id, code) VALUES (?, 'CSAM_KNOWN')")) {
                for (long i = 0; i < n; i++) {
                    SignalType t = Synthetic.storedType(i);
                    String v = Synthetic.value(t, i);
                    UUID id = new UUID(0xCA1L, i);
                    sig.setObject(1, id);
                    sig.setString(2, t.name());
                    sig.setString(3, v);
                    sig.setString(4, Synthetic.key(t, v));
                    sig.setInt(5, (int) (50 + i % 50));
                    sig.setTimestamp(6, until);
                    sig.setObject(7, ownerId);
                    sig.setTimestamp(8, created);
                    sig.setTimestamp(9, created);
                    sig.addBatch();
                    cat.setObject(1, id);
                    cat.addBatch();
                    if ((i + 1) % 10_000 == 0 || i + 1 == n) {
                        sig.executeBatch();
                        cat.executeBatch();
                        c.commit();
                    }
                    if ((i + 1) % 200_000 == 0) {
                        System.out.printf("seeded %,d in %.1f s%n", i + 1, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            long t1 = System.nanoTime();
            try (var st = c.createStatement()) {
                for (String idx : INDEXES) {
                    st.execute("CREATE INDEX " + idx);
                }
            }
            c.commit();
            System.out.printf("indexes rebuilt in %.1f s%n", (System.nanoTime() - t1) / 1e9);
        }
        System.out.printf("seeded %,d signals into %s in %.1f s%n", n, dataDir, (System.nanoTime() - t0) / 1e9);
    }
}
