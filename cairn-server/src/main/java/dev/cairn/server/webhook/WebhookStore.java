package dev.cairn.server.webhook;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.feed.ChangeKind;
import dev.cairn.server.feed.FeedService;
import dev.cairn.server.signal.UuidV7;
import dev.cairn.server.support.Db;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Webhook persistence. Every state change of a delivery is a conditional UPDATE (compare-and-set on state, due time
 * or claim token), so several server instances can share the tables without ever sending one delivery twice at once
 * and without vendor-specific locking clauses.
 */
@Repository
public class WebhookStore {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;

    public WebhookStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
    }

    public void insert(Webhook w) {
        jdbc.sql("""
                        INSERT INTO webhook_endpoint (id, participant_id, url, secret, types, categories, events, status,
                                                      cursor_seq, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(w.id(), w.participantId(), w.url(), w.secret(), csv(w.types(), SignalType::name),
                        csv(w.categories(), Function.identity()), csv(w.events(), ChangeKind::name), w.status().name(),
                        w.cursor(), Db.ts(w.createdAt()), Db.ts(w.updatedAt()))
                .update();
    }

    public Optional<Webhook> find(UUID id) {
        return jdbc.sql("SELECT * FROM webhook_endpoint WHERE id = ?").param(id).query(WebhookStore::webhook).optional();
    }

    public List<Webhook> list(UUID participantId) {
        return jdbc.sql("SELECT * FROM webhook_endpoint WHERE participant_id = ? ORDER BY created_at, id")
                .param(participantId).query(WebhookStore::webhook).list();
    }

    public void setStatus(UUID id, Webhook.Status status, Instant now) {
        jdbc.sql("UPDATE webhook_endpoint SET status = ?, updated_at = ? WHERE id = ?")
                .params(status.name(), Db.ts(now), id).update();
    }

    public void delete(UUID id) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("DELETE FROM webhook_delivery WHERE endpoint_id = ?").param(id).update();
            jdbc.sql("DELETE FROM webhook_endpoint WHERE id = ?").param(id).update();
        });
    }

    /** Active endpoints of active participants that have feed events to look at below {@code high}. */
    public List<Webhook> behind(long high) {
        return jdbc.sql("""
                        SELECT w.* FROM webhook_endpoint w JOIN participant p ON p.id = w.participant_id
                        WHERE w.status = 'ACTIVE' AND p.status = 'ACTIVE' AND w.cursor_seq < ?""")
                .param(high).query(WebhookStore::webhook).list();
    }

    /**
     * Queues deliveries for {@code events} and moves the endpoint's cursor from {@code from} to {@code to}, in one
     * transaction. False (and nothing written) if another instance moved the cursor first.
     */
    public boolean enqueue(UUID endpointId, long from, long to, List<FeedService.EventHead> events, Instant now,
                           Instant giveUpAt) {
        try {
            return Boolean.TRUE.equals(tx.execute(s -> {
                // The cursor update comes first: it row-locks the endpoint, so a racing instance waits here and then
                // finds the cursor moved, instead of colliding on the unique (endpoint_id, seq) constraint.
                int moved = jdbc.sql("UPDATE webhook_endpoint SET cursor_seq = ? WHERE id = ? AND cursor_seq = ?")
                        .params(to, endpointId, from).update();
                if (moved == 0) {
                    return false;
                }
                List<Object[]> rows = new ArrayList<>(events.size());
                for (FeedService.EventHead e : events) {
                    rows.add(new Object[]{UuidV7.next(), endpointId, e.seq(), e.kind().name(), Db.ts(now),
                            Db.ts(giveUpAt), Db.ts(now)});
                }
                template.batchUpdate("""
                        INSERT INTO webhook_delivery (id, endpoint_id, seq, kind, state, attempts, next_attempt_at,
                                                      give_up_at, created_at)
                        VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""", rows);
                return true;
            }));
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Claims up to {@code limit} due deliveries of active endpoints: each becomes this claimant's until
     * {@code leaseUntil} (its next_attempt_at), and its attempt is counted now. Whatever the claimant does not finish
     * falls due again when the lease ends.
     */
    public List<Delivery> claimDue(Instant now, int limit, Instant leaseUntil, UUID token) {
        List<UUID> candidates = jdbc.sql("""
                        SELECT d.id FROM webhook_delivery d
                        JOIN webhook_endpoint w ON w.id = d.endpoint_id
                        JOIN participant p ON p.id = w.participant_id
                        WHERE d.state = 'PENDING' AND d.next_attempt_at <= ? AND w.status = 'ACTIVE' AND p.status = 'ACTIVE'
                        ORDER BY d.next_attempt_at, d.seq LIMIT\s""" + limit)
                .param(Db.ts(now)).query(UUID.class).list();
        List<UUID> claimed = new ArrayList<>(candidates.size());
        for (UUID id : candidates) {
            int n = jdbc.sql("""
                            UPDATE webhook_delivery SET next_attempt_at = ?, claim_token = ?, attempts = attempts + 1,
                                                        last_attempt_at = ?
                            WHERE id = ? AND state = 'PENDING' AND next_attempt_at <= ?""")
                    .params(Db.ts(leaseUntil), token, Db.ts(now), id, Db.ts(now)).update();
            if (n == 1) {
                claimed.add(id);
            }
        }
        return findDeliveries(claimed);
    }

    private List<Delivery> findDeliveries(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE id IN (:ids) ORDER BY seq")
                .param("ids", List.copyOf(ids)).query(WebhookStore::delivery).list();
    }

    /** Records a successful attempt, unless the claim was lost (lease ended and someone else took it). */
    public boolean delivered(UUID id, UUID token, int status, Instant now) {
        return jdbc.sql("""
                        UPDATE webhook_delivery SET state = 'DELIVERED', delivered_at = ?, last_status = ?, last_error = NULL,
                                                    claim_token = NULL
                        WHERE id = ? AND claim_token = ? AND state = 'PENDING'""")
                .params(Db.ts(now), status, id, token).update() == 1;
    }

    /** Records a failed attempt: retried at {@code nextAttemptAt}, or parked as DEAD when that is null. */
    public boolean failed(UUID id, UUID token, Integer status, String error, Instant nextAttemptAt) {
        if (nextAttemptAt == null) {
            return jdbc.sql("""
                            UPDATE webhook_delivery SET state = 'DEAD', last_status = ?, last_error = ?, claim_token = NULL
                            WHERE id = ? AND claim_token = ? AND state = 'PENDING'""")
                    .params(status, truncate(error), id, token).update() == 1;
        }
        return jdbc.sql("""
                        UPDATE webhook_delivery SET next_attempt_at = ?, last_status = ?, last_error = ?, claim_token = NULL
                        WHERE id = ? AND claim_token = ? AND state = 'PENDING'""")
                .params(Db.ts(nextAttemptAt), status, truncate(error), id, token).update() == 1;
    }

    /** One page of an endpoint's delivery log, newest event first; {@code beforeSeq} is the page cursor. */
    public List<Delivery> deliveries(UUID endpointId, Delivery.State state, long beforeSeq, int limit) {
        String filter = state == null ? "" : " AND state = '" + state.name() + "'";
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE endpoint_id = ? AND seq < ?" + filter
                        + " ORDER BY seq DESC LIMIT " + limit)
                .params(endpointId, beforeSeq).query(WebhookStore::delivery).list();
    }

    public Optional<Delivery> findDelivery(UUID endpointId, UUID deliveryId) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE id = ? AND endpoint_id = ?")
                .params(deliveryId, endpointId).query(WebhookStore::delivery).optional();
    }

    /** Sends finished deliveries (DEAD or DELIVERED) again with a fresh retry window; the number requeued. */
    public int replay(UUID endpointId, UUID deliveryId, Set<Delivery.State> from, Instant now, Instant giveUpAt) {
        String states = from.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        String sql = """
                UPDATE webhook_delivery SET state = 'PENDING', attempts = 0, next_attempt_at = ?, give_up_at = ?,
                                            delivered_at = NULL, claim_token = NULL
                WHERE endpoint_id = ? AND state IN (%s)""".formatted(states);
        if (deliveryId == null) {
            return jdbc.sql(sql).params(Db.ts(now), Db.ts(giveUpAt), endpointId).update();
        }
        return jdbc.sql(sql + " AND id = ?").params(Db.ts(now), Db.ts(giveUpAt), endpointId, deliveryId).update();
    }

    public Map<Delivery.State, Integer> counts(UUID endpointId) {
        Map<Delivery.State, Integer> out = new EnumMap<>(Delivery.State.class);
        Arrays.stream(Delivery.State.values()).forEach(s -> out.put(s, 0));
        jdbc.sql("SELECT state, COUNT(*) FROM webhook_delivery WHERE endpoint_id = ? GROUP BY state")
                .param(endpointId)
                .query(rs -> {
                    out.put(Delivery.State.valueOf(rs.getString(1)), rs.getInt(2));
                });
        return out;
    }

    public int pruneDelivered(Instant before) {
        return jdbc.sql("DELETE FROM webhook_delivery WHERE state = 'DELIVERED' AND delivered_at < ?")
                .param(Db.ts(before)).update();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static <T> String csv(Collection<T> values, Function<T, String> name) {
        return values.isEmpty() ? "" : "," + values.stream().map(name).collect(Collectors.joining(",")) + ",";
    }

    private static <T> Set<T> parse(String csv, Function<String, T> parse, Set<T> into) {
        for (String part : csv.split(",")) {
            if (!part.isEmpty()) {
                into.add(parse.apply(part));
            }
        }
        return into;
    }

    static Webhook webhook(ResultSet rs, int row) throws SQLException {
        return new Webhook(rs.getObject("id", UUID.class), rs.getObject("participant_id", UUID.class),
                rs.getString("url"), rs.getString("secret"),
                parse(rs.getString("types"), SignalType::valueOf, new java.util.LinkedHashSet<>()),
                parse(rs.getString("categories"), Function.identity(), new java.util.LinkedHashSet<>()),
                parse(rs.getString("events"), ChangeKind::valueOf, new java.util.LinkedHashSet<>()),
                Webhook.Status.valueOf(rs.getString("status")), rs.getLong("cursor_seq"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }

    static Delivery delivery(ResultSet rs, int row) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
                rs.getLong("seq"), ChangeKind.valueOf(rs.getString("kind")),
                Delivery.State.valueOf(rs.getString("state")), rs.getInt("attempts"),
                Db.instant(rs, "next_attempt_at"), Db.instant(rs, "give_up_at"), Db.instant(rs, "last_attempt_at"),
                lastStatus, rs.getString("last_error"), Db.instant(rs, "delivered_at"), Db.instant(rs, "created_at"));
    }
}
