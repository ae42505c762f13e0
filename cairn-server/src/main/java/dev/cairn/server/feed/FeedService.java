package dev.cairn.server.feed;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalRepository;
import dev.cairn.server.signal.SignalStatus;
import dev.cairn.server.signal.SignalViews;
import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the change feed. A page never crosses the committed high-water mark read before it, and since sequence
 * order is commit order (see {@link ChangeLog}) everything at or below that mark is final: a reader that resumes
 * from {@code next_cursor} sees every event exactly once, in order.
 */
@Service
public class FeedService {
    private final JdbcClient jdbc;
    private final SignalRepository signals;
    private final FeedNotifier notifier;

    public FeedService(JdbcClient jdbc, SignalRepository signals, FeedNotifier notifier) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.notifier = notifier;
    }

    public record Filter(Set<SignalType> types, Set<String> categories) {
        public static final Filter ALL = new Filter(Set.of(), Set.of());
    }

    public record Page(List<Map<String, Object>> events, long nextCursor, boolean caughtUp) {
    }

    record Row(long seq, UUID signalId, UUID ownerId, SignalType type, ChangeKind kind, String keyHash, Instant at,
               UUID refId) {
    }

    public Page page(Caller caller, long after, int limit, Filter filter, Duration wait) throws InterruptedException {
        caller.require(Scope.READ);
        Page page = read(caller, after, limit, filter);
        if (page.events().isEmpty() && wait != null && !wait.isZero()) {
            long deadline = System.nanoTime() + wait.toNanos();
            long cursor = page.nextCursor();
            while (page.events().isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !notifier.await(cursor, Duration.ofNanos(remaining))) {
                    break;
                }
                page = read(caller, cursor, limit, filter);
                cursor = page.nextCursor();
            }
        }
        return page;
    }

    public Page read(Caller caller, long after, int limit, Filter filter) {
        long high = notifier.latestCommitted();
        StringBuilder sql = new StringBuilder("""
                SELECT seq, signal_id, owner_id, signal_type, kind, match_key_sha256, created_at, ref_id
                FROM signal_event WHERE seq > :after AND seq <= :high
                AND (audience IS NULL OR audience = :viewer)""");
        Map<String, Object> params = new HashMap<>();
        params.put("viewer", caller.participantId());
        params.put("after", after);
        params.put("high", high);
        if (!filter.types().isEmpty()) {
            sql.append(" AND signal_type IN (:types)");
            params.put("types", filter.types().stream().map(Enum::name).toList());
        }
        if (!filter.categories().isEmpty()) {
            List<String> likes = new ArrayList<>();
            int i = 0;
            for (String c : filter.categories()) {
                likes.add("categories LIKE :cat" + i);
                params.put("cat" + i, "%," + c + ",%");
                i++;
            }
            sql.append(" AND (").append(String.join(" OR ", likes)).append(')');
        }
        sql.append(" ORDER BY seq LIMIT ").append(limit);
        List<Row> rows = jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        SignalType.valueOf(rs.getString(4)), ChangeKind.valueOf(rs.getString(5)), rs.getString(6),
                        Db.instant(rs, 7), rs.getObject(8, UUID.class)))
                .list();
        Map<UUID, Signal> current = signals.findAll(rows.stream().filter(r -> !r.kind().removal())
                        .map(Row::signalId).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Signal::id, Function.identity()));
        List<Map<String, Object>> events = new ArrayList<>(rows.size());
        for (Row r : rows) {
            events.add(render(r, current.get(r.signalId())));
        }
        boolean full = rows.size() == limit;
        long next = full ? rows.getLast().seq() : Math.max(after, high);
        return new Page(events, next, !full);
    }

    private static Map<String, Object> render(Row r, Signal current) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("seq", r.seq());
        e.put("event", r.kind().name().toLowerCase(Locale.ROOT));
        e.put("signal_id", r.signalId());
        e.put("type", r.type());
        e.put("at", r.at());
        if (r.refId() != null) {
            e.put("dispute_id", r.refId());
        }
        boolean live = !r.kind().removal() && current != null && current.status() == SignalStatus.ACTIVE;
        e.put("should_delete", !live);
        if (live) {
            e.put("signal", SignalViews.view(current));
        } else {
            e.put("match_key_sha256", r.keyHash());
        }
        return e;
    }
}
