package dev.cairn.server.feed;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalRepository;
import dev.cairn.server.signal.SignalStatus;
import dev.cairn.server.signal.SignalView;
import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

    private final dev.cairn.server.sharing.SharingGroups groups;

    public FeedService(JdbcClient jdbc, SignalRepository signals, FeedNotifier notifier,
                       dev.cairn.server.sharing.SharingGroups groups) {
        this.groups = groups;
        this.jdbc = jdbc;
        this.signals = signals;
        this.notifier = notifier;
    }

    public record Filter(Set<SignalType> types, Set<String> categories) {
        public static final Filter ALL = new Filter(Set.of(), Set.of());
    }

    public record Page(List<FeedEvent> events, long nextCursor, boolean caughtUp) {
    }

    /**
     * One change as stored, before rendering: enough to filter and route it without loading the signal.
     *
     * @param categories the signal's categories when the change happened
     */
    public record EventHead(long seq, UUID signalId, UUID ownerId, SignalType type, ChangeKind kind, String keyHash,
                            Set<String> categories, Instant at, UUID audience, UUID refId, String visibility,
                            UUID sharingGroupId) {
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
        List<EventHead> rows = heads(after, high, limit, filter);
        List<EventHead> visible = rows.stream().filter(r -> visibleTo(caller.participantId(), r)).toList();
        List<FeedEvent> events = render(visible);
        boolean full = rows.size() == limit;
        long next = full ? rows.getLast().seq() : Math.max(after, high);
        return new Page(events, next, !full);
    }

    /**
     * Whether a participant may see a change: the one rule for the feed and for webhooks. Every participant sees
     * every change to shared signals (removals included, so that mirrors can delete); events addressed to one
     * participant (a dispute for the owner, its resolution for the disputant) reach only that participant.
     */
    public boolean visibleTo(UUID participant, EventHead event) {
        if (event.audience() != null) {
            return event.audience().equals(participant);
        }
        if (event.ownerId().equals(participant)) {
            return true;
        }
        return switch (event.visibility()) {
            case "GROUP" -> groups.isMember(participant, event.sharingGroupId());
            case "PRIVATE" -> false;
            default -> true;
        };
    }

    /** The committed high-water mark: every event at or below it is final. */
    public long highWaterMark() {
        return notifier.latestCommitted();
    }

    /** Up to {@code limit} stored events in (after, high], in order, matching the filter. */
    public List<EventHead> heads(long after, long high, int limit, Filter filter) {
        StringBuilder sql = new StringBuilder("""
                SELECT seq, signal_id, owner_id, signal_type, kind, match_key_sha256, categories, created_at, audience, ref_id,
                       visibility, sharing_group_id
                FROM signal_event WHERE seq > :after AND seq <= :high""");
        Map<String, Object> params = new HashMap<>();
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
        return jdbc.sql(sql.toString()).params(params).query(FeedService::head).list();
    }

    /** The stored events with these sequence numbers, rendered as the feed renders them, keyed by seq. */
    public Map<Long, FeedEvent> render(Collection<Long> seqs) {
        Map<Long, FeedEvent> out = new HashMap<>();
        List<Long> all = new ArrayList<>(seqs);
        for (int i = 0; i < all.size(); i += 1000) {
            List<EventHead> rows = jdbc.sql("""
                            SELECT seq, signal_id, owner_id, signal_type, kind, match_key_sha256, categories, created_at, audience, ref_id,
                       visibility, sharing_group_id
                            FROM signal_event WHERE seq IN (:seqs)""")
                    .param("seqs", all.subList(i, Math.min(all.size(), i + 1000))).query(FeedService::head).list();
            List<FeedEvent> events = render(rows);
            for (int j = 0; j < rows.size(); j++) {
                out.put(rows.get(j).seq(), events.get(j));
            }
        }
        return out;
    }

    /** Renders in one pass: the current state of every upserted signal is loaded with one query per page. */
    private List<FeedEvent> render(List<EventHead> rows) {
        return render(rows, signals.findAll(rows.stream().filter(r -> !r.kind().removal())
                .map(EventHead::signalId).collect(Collectors.toSet())));
    }

    private static List<FeedEvent> render(List<EventHead> rows, List<Signal> loaded) {
        Map<UUID, Signal> current = loaded.stream().collect(Collectors.toMap(Signal::id, Function.identity()));
        List<FeedEvent> events = new ArrayList<>(rows.size());
        for (EventHead r : rows) {
            events.add(render(r, current.get(r.signalId())));
        }
        return events;
    }

    private static EventHead head(ResultSet rs, int n) throws SQLException {
        Set<String> categories = new LinkedHashSet<>();
        for (String c : rs.getString(7).split(",")) {
            if (!c.isEmpty()) {
                categories.add(c);
            }
        }
        return new EventHead(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                SignalType.valueOf(rs.getString(4)), ChangeKind.valueOf(rs.getString(5)), rs.getString(6),
                categories, Db.instant(rs, 8), rs.getObject(9, UUID.class), rs.getObject(10, UUID.class),
                rs.getString(11), rs.getObject(12, UUID.class));
    }

    private static FeedEvent render(EventHead r, Signal current) {
        boolean live = !r.kind().removal() && current != null && current.status() == SignalStatus.ACTIVE;
        return new FeedEvent(r.seq(), r.kind().wireName(), r.signalId(), r.type(), r.at(), r.refId(), !live,
                live ? SignalView.of(current) : null, live ? null : r.keyHash());
    }
}
