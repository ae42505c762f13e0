package dev.cairn.server.signal;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.crypto.FieldCrypto;
import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Signal persistence. Categories and tags live in side tables and are attached per page, not per row. */
@Repository
public class SignalRepository {
    private static final String SELECT = """
            SELECT s.*, p.slug AS owner_slug FROM signal s JOIN participant p ON p.id = s.owner_id""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final FieldCrypto crypto;

    public SignalRepository(JdbcClient jdbc, JdbcTemplate template, FieldCrypto crypto) {
        this.jdbc = jdbc;
        this.template = template;
        this.crypto = crypto;
    }

    public void insertAll(List<Signal> signals) {
        template.batchUpdate("""
                        INSERT INTO signal (id, type, submitted_value, match_key, blinded, confidence, description, platform,
                                            pdq_quality, valid_until, status, status_reason, owner_id, created_at, updated_at, version,
                                            visibility, sharing_group_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                signals, 1000, (ps, s) -> {
                    ps.setObject(1, s.id());
                    ps.setString(2, s.type().name());
                    ps.setString(3, crypto.seal(s.id(), s.type(), s.blinded(), s.value(), s.matchKey()));
                    ps.setString(4, crypto.storedKey(s.type(), s.blinded(), s.matchKey()));
                    ps.setBoolean(5, s.blinded());
                    ps.setInt(6, s.confidence());
                    ps.setString(7, s.description());
                    ps.setString(8, s.platform());
                    ps.setObject(9, s.quality(), java.sql.Types.INTEGER);
                    ps.setObject(10, Db.ts(s.validUntil()));
                    ps.setString(11, s.status().name());
                    ps.setString(12, s.statusReason());
                    ps.setObject(13, s.ownerId());
                    ps.setObject(14, Db.ts(s.createdAt()));
                    ps.setObject(15, Db.ts(s.updatedAt()));
                    ps.setLong(16, s.version());
                    ps.setString(17, s.visibility().name());
                    ps.setObject(18, s.sharingGroupId());
                });
        List<Object[]> categories = new ArrayList<>();
        List<Object[]> tags = new ArrayList<>();
        for (Signal s : signals) {
            s.categories().forEach(c -> categories.add(new Object[]{s.id(), c}));
            s.tags().forEach(t -> tags.add(new Object[]{s.id(), t}));
        }
        template.batchUpdate("INSERT INTO signal_category (signal_id, code) VALUES (?, ?)", categories);
        if (!tags.isEmpty()) {
            template.batchUpdate("INSERT INTO signal_tag (signal_id, tag) VALUES (?, ?)", tags);
        }
    }

    public Optional<Signal> find(UUID id) {
        List<Signal> found = attach(jdbc.sql(SELECT + " WHERE s.id = ?").param(id).query(this::map).list());
        return found.stream().findFirst();
    }

    /**
     * The signals with these ids that exist, in no particular order. The ids travel as one array parameter
     * ({@code = ANY(?)}), which both databases answer with primary-key lookups: a feed page of 10,000 changes costs
     * 10,000 index probes, not a scan of the whole table.
     */
    public List<Signal> findAll(Collection<UUID> ids) {
        List<Signal> out = new ArrayList<>(ids.size());
        List<UUID> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 10_000) {
            UUID[] chunk = all.subList(i, Math.min(all.size(), i + 10_000)).toArray(UUID[]::new);
            out.addAll(attach(jdbc.sql(SELECT + " WHERE s.id = ANY(?)").param(chunk).query(this::map).list()));
        }
        return out;
    }

    public Optional<Signal> findForUpdate(UUID id) {
        // Lock the row so concurrent updates of one signal serialise; portable to H2 and PostgreSQL.
        List<UUID> ids = jdbc.sql("SELECT id FROM signal WHERE id = ? FOR UPDATE").param(id).query(UUID.class).list();
        return ids.isEmpty() ? Optional.empty() : find(id);
    }

    /** Optimistic update of the mutable fields; false when the version moved on. */
    public boolean update(Signal s, long expectedVersion) {
        int n = jdbc.sql("""
                        UPDATE signal SET confidence = ?, description = ?, valid_until = ?, status = ?, status_reason = ?,
                                          updated_at = ?, version = ?
                        WHERE id = ? AND version = ?""")
                .params(s.confidence(), s.description(), Db.ts(s.validUntil()), s.status().name(), s.statusReason(),
                        Db.ts(s.updatedAt()), s.version(), s.id(), expectedVersion)
                .update();
        if (n == 0) {
            return false;
        }
        jdbc.sql("DELETE FROM signal_category WHERE signal_id = ?").param(s.id()).update();
        template.batchUpdate("INSERT INTO signal_category (signal_id, code) VALUES (?, ?)",
                s.categories().stream().map(c -> new Object[]{s.id(), c}).toList());
        return true;
    }

    /** The filters of a signal listing; null means "any". */
    public record Query(UUID viewer, SignalType type, String category, UUID owner, SignalStatus status,
                        Instant createdSince, Cursor after, int limit) {
    }

    /** Keyset position: newest first, ties broken by id. */
    public record Cursor(Instant createdAt, UUID id) {
        /** The opaque form handed to clients as {@code next_cursor}. */
        public String encode() {
            String raw = createdAt + "|" + id;
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** Reads a cursor made by {@link #encode}; null when it is not one. */
        public static Cursor decode(String cursor) {
            try {
                String raw = new String(java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8);
                int bar = raw.indexOf('|');
                return new Cursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /** A page of the signals {@code q.viewer()} may see (see {@link Signal#visibleTo}), newest first. */
    public List<Signal> list(Query q, java.util.Set<UUID> viewerGroups) {
        StringBuilder sql = new StringBuilder(SELECT)
                .append(" WHERE (s.owner_id = :viewer OR (s.status = 'ACTIVE' AND (s.visibility = 'ALL'");
        Map<String, Object> params = new HashMap<>();
        params.put("viewer", q.viewer());
        if (!viewerGroups.isEmpty()) {
            sql.append(" OR (s.visibility = 'GROUP' AND s.sharing_group_id IN (:groups))");
            params.put("groups", viewerGroups);
        }
        sql.append(")))");
        if (q.type() != null) {
            sql.append(" AND s.type = :type");
            params.put("type", q.type().name());
        }
        if (q.category() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM signal_category c WHERE c.signal_id = s.id AND c.code = :category)");
            params.put("category", q.category());
        }
        if (q.owner() != null) {
            sql.append(" AND s.owner_id = :owner");
            params.put("owner", q.owner());
        }
        if (q.status() != null) {
            sql.append(" AND s.status = :status");
            params.put("status", q.status().name());
        }
        if (q.createdSince() != null) {
            sql.append(" AND s.created_at >= :since");
            params.put("since", Db.ts(q.createdSince()));
        }
        if (q.after() != null) {
            sql.append(" AND (s.created_at < :cAt OR (s.created_at = :cAt AND s.id < :cId))");
            params.put("cAt", Db.ts(q.after().createdAt()));
            params.put("cId", q.after().id());
        }
        sql.append(" ORDER BY s.created_at DESC, s.id DESC LIMIT ").append(q.limit());
        return attach(jdbc.sql(sql.toString()).params(params).query(this::map).list());
    }

    /** Active signals whose validity has ended, oldest first. */
    public List<UUID> dueForExpiry(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM signal WHERE status = 'ACTIVE' AND valid_until <= ? ORDER BY valid_until LIMIT " + limit)
                .param(Db.ts(now)).query(UUID.class).list();
    }

    public List<Signal> expire(Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                        UPDATE signal SET status = 'EXPIRED', status_reason = 'validity ended', updated_at = :now,
                                          version = version + 1
                        WHERE id IN (:ids) AND status = 'ACTIVE'""")
                .param("now", Db.ts(now)).param("ids", ids).update();
        return attach(jdbc.sql(SELECT + " WHERE s.id IN (:ids) AND s.status = 'EXPIRED'").param("ids", ids)
                .query(this::map).list());
    }

    /** Streams every active signal (for loading match indexes) without holding them all in memory at once. */
    public void forEachActive(Consumer<Signal> sink) {
        Map<UUID, List<String>> categories = new HashMap<>();
        template.query("SELECT c.signal_id, c.code FROM signal_category c JOIN signal s ON s.id = c.signal_id WHERE s.status = 'ACTIVE'",
                rs -> {
                    categories.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>(2)).add(rs.getString(2).intern());
                });
        JdbcTemplate streaming = new JdbcTemplate(template.getDataSource());
        streaming.setFetchSize(1000);
        streaming.query(SELECT + " WHERE s.status = 'ACTIVE'", rs -> {
            Signal s = map(rs, 0);
            sink.accept(withCategories(s, categories.getOrDefault(s.id(), List.of()), List.of()));
        });
    }

    private List<Signal> attach(List<Signal> signals) {
        if (signals.isEmpty()) {
            return signals;
        }
        UUID[] ids = signals.stream().map(Signal::id).toArray(UUID[]::new);
        Map<UUID, List<String>> categories = sideTable("signal_category", "code", ids);
        Map<UUID, List<String>> tags = sideTable("signal_tag", "tag", ids);
        Map<UUID, Signal> out = new LinkedHashMap<>();
        for (Signal s : signals) {
            out.put(s.id(), withCategories(s, categories.getOrDefault(s.id(), List.of()), tags.getOrDefault(s.id(), List.of())));
        }
        return new ArrayList<>(out.values());
    }

    /**
     * One side table's values for these signals, each signal's in order. Joined from the unnested id array, so that
     * PostgreSQL probes the primary key per id; with "= ANY(?)" it estimates a scan of the whole side table as
     * cheaper and takes ~10x longer on a 10,000-id feed page. {@code table} and {@code column} are constants.
     */
    private Map<UUID, List<String>> sideTable(String table, String column, UUID[] ids) {
        Map<UUID, List<String>> values = new HashMap<>();
        jdbc.sql("SELECT t.signal_id, t." + column + " FROM UNNEST(CAST(? AS UUID ARRAY)) AS ids(id) JOIN " + table
                        + " t ON t.signal_id = ids.id ORDER BY t.signal_id, t." + column).param(ids)
                .query(rs -> {
                    values.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return values;
    }

    private static Signal withCategories(Signal s, List<String> categories, List<String> tags) {
        return new Signal(s.id(), s.type(), s.value(), s.matchKey(), s.blinded(), List.copyOf(categories), s.confidence(),
                s.description(), List.copyOf(tags), s.platform(), s.quality(), s.validUntil(), s.status(), s.statusReason(),
                s.ownerId(), s.ownerSlug(), s.createdAt(), s.updatedAt(), s.version(), s.visibility(), s.sharingGroupId());
    }

    Signal map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        FieldCrypto.Opened opened = crypto.open(id, rs.getString("submitted_value"), rs.getString("match_key"));
        return new Signal(id, SignalType.valueOf(rs.getString("type")),
                opened.value(), opened.matchKey(), rs.getBoolean("blinded"), List.of(),
                rs.getInt("confidence"), rs.getString("description"), List.of(), rs.getString("platform"),
                (Integer) rs.getObject("pdq_quality"), Db.instant(rs, "valid_until"),
                SignalStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                rs.getObject("owner_id", UUID.class), rs.getString("owner_slug"), Db.instant(rs, "created_at"),
                Db.instant(rs, "updated_at"), rs.getLong("version"), Visibility.valueOf(rs.getString("visibility")),
                rs.getObject("sharing_group_id", UUID.class));
    }
}
