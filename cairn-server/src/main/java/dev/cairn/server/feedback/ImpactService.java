package dev.cairn.server.feedback;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.participant.Participant;
import dev.cairn.server.participant.ParticipantService;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalRepository;
import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Impact figures for owners and the flow table. Matches come from {@code match_event}; outcomes from each
 * participant's current feedback, dated by when it was recorded, so a report updated later counts once, in the
 * window of its latest version. Figures are counts: nothing here names a matching participant's users or content.
 */
@Service
public class ImpactService {
    /** Outcome, count, accounts, content, reports: the columns {@link Impact#plusFeedback} reads. */
    private static final String FEEDBACK_SUMS = """
            f.outcome, COUNT(*), SUM(f.accounts_actioned), SUM(f.content_removed),
            SUM(CASE WHEN f.outcome = 'REPORTED_TO_AUTHORITIES' OR f.report_reference IS NOT NULL THEN 1 ELSE 0 END)""";

    private final JdbcClient jdbc;
    private final SignalRepository signals;
    private final ParticipantService participants;

    public ImpactService(JdbcClient jdbc, SignalRepository signals, ParticipantService participants) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.participants = participants;
    }

    /** [since, until) */
    public record Window(Instant since, Instant until) {
    }

    public record SignalImpact(Signal signal, Impact impact) {
    }

    public record OwnerImpact(Impact totals, long signalsWithImpact, List<SignalImpact> signals, UUID nextCursor) {
    }

    public record Flow(Participant from, Participant to, long signalsMatched, Impact impact) {
    }

    /** The caller's signals that were matched by others or got feedback in the window, newest signal first. */
    public OwnerImpact forOwner(Caller caller, Window w, UUID after, int limit) {
        caller.require(Scope.READ);
        UUID me = caller.participantId();
        Map<String, Object> p = params(w);
        p.put("me", me);
        String active = """
                SELECT m.signal_id FROM match_event m
                WHERE m.owner_id = :me AND m.matcher_id <> :me AND m.matched_at >= :since AND m.matched_at < :until
                UNION
                SELECT f.signal_id FROM signal_feedback f JOIN signal s ON s.id = f.signal_id
                WHERE s.owner_id = :me AND f.recorded_at >= :since AND f.recorded_at < :until""";
        String page = "SELECT x.signal_id FROM (" + active + ") x"
                + (after == null ? "" : " WHERE x.signal_id < :after") + " ORDER BY x.signal_id DESC LIMIT " + (limit + 1);
        if (after != null) {
            p.put("after", after);
        }
        List<UUID> ids = jdbc.sql(page).params(p).query(UUID.class).list();
        UUID next = null;
        if (ids.size() > limit) {
            ids = ids.subList(0, limit);
            next = ids.getLast();
        }
        long withImpact = jdbc.sql("SELECT COUNT(*) FROM (" + active + ") x").params(p).query(Long.class).single();

        Impact totals = Impact.NONE;
        var matchTotals = jdbc.sql("""
                        SELECT COUNT(*), COUNT(DISTINCT m.matcher_id) FROM match_event m
                        WHERE m.owner_id = :me AND m.matcher_id <> :me AND m.matched_at >= :since AND m.matched_at < :until""")
                .params(p).query((rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
        totals = totals.withMatches(matchTotals[0], matchTotals[1]);
        for (Impact part : jdbc.sql("SELECT " + FEEDBACK_SUMS + """
                         FROM signal_feedback f JOIN signal s ON s.id = f.signal_id
                        WHERE s.owner_id = :me AND f.recorded_at >= :since AND f.recorded_at < :until GROUP BY f.outcome""")
                .params(p).query((rs, i) -> Impact.NONE.plusFeedback(rs, 1)).list()) {
            totals = sum(totals, part);
        }
        if (ids.isEmpty()) {
            return new OwnerImpact(totals, withImpact, List.of(), null);
        }

        Map<UUID, Impact> per = new HashMap<>();
        p.put("ids", ids);
        jdbc.sql("""
                        SELECT m.signal_id, COUNT(*), COUNT(DISTINCT m.matcher_id) FROM match_event m
                        WHERE m.signal_id IN (:ids) AND m.owner_id = :me AND m.matcher_id <> :me
                          AND m.matched_at >= :since AND m.matched_at < :until
                        GROUP BY m.signal_id""")
                .params(p).query(rs -> {
                    per.put(rs.getObject(1, UUID.class), Impact.NONE.withMatches(rs.getLong(2), rs.getLong(3)));
                });
        jdbc.sql("SELECT f.signal_id, " + FEEDBACK_SUMS + """
                         FROM signal_feedback f
                        WHERE f.signal_id IN (:ids) AND f.recorded_at >= :since AND f.recorded_at < :until
                        GROUP BY f.signal_id, f.outcome""")
                .params(p).query(rs -> {
                    UUID id = rs.getObject(1, UUID.class);
                    per.put(id, per.getOrDefault(id, Impact.NONE).plusFeedback(rs, 2));
                });
        Map<UUID, Signal> found = signals.findAll(ids).stream().collect(Collectors.toMap(Signal::id, Function.identity()));
        List<SignalImpact> out = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            out.add(new SignalImpact(found.get(id), per.getOrDefault(id, Impact.NONE)));
        }
        return new OwnerImpact(totals, withImpact, out, next);
    }

    /**
     * Who matched and acted on whose signals: one row per (owner A, participant B), B never A. The operator sees every
     * pair; a participant only those it is part of.
     */
    public List<Flow> flows(Caller caller, Window w) {
        caller.require(Scope.READ);
        Map<String, Object> p = params(w);
        String mine = "";
        if (!caller.operator()) {
            p.put("me", caller.participantId());
            mine = " AND (%s = :me OR %s = :me)";
        }
        record Pair(UUID from, UUID to) {
        }
        Map<Pair, Impact> impact = new LinkedHashMap<>();
        Map<Pair, Long> signalsMatched = new HashMap<>();
        jdbc.sql("""
                        SELECT m.owner_id, m.matcher_id, COUNT(*), COUNT(DISTINCT m.matcher_id), COUNT(DISTINCT m.signal_id)
                        FROM match_event m
                        WHERE m.owner_id <> m.matcher_id AND m.matched_at >= :since AND m.matched_at < :until"""
                        + mine.formatted("m.owner_id", "m.matcher_id") + " GROUP BY m.owner_id, m.matcher_id")
                .params(p).query(rs -> {
                    Pair pair = new Pair(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                    impact.put(pair, Impact.NONE.withMatches(rs.getLong(3), rs.getLong(4)));
                    signalsMatched.put(pair, rs.getLong(5));
                });
        jdbc.sql("SELECT s.owner_id, f.participant_id, " + FEEDBACK_SUMS + """
                         FROM signal_feedback f JOIN signal s ON s.id = f.signal_id
                        WHERE s.owner_id <> f.participant_id AND f.recorded_at >= :since AND f.recorded_at < :until"""
                        + mine.formatted("s.owner_id", "f.participant_id") + " GROUP BY s.owner_id, f.participant_id, f.outcome")
                .params(p).query(rs -> {
                    Pair pair = new Pair(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                    impact.put(pair, impact.getOrDefault(pair, Impact.NONE).plusFeedback(rs, 3));
                });
        Map<UUID, Participant> byId = participants.list().stream()
                .collect(Collectors.toMap(Participant::id, Function.identity()));
        return impact.entrySet().stream()
                .map(e -> new Flow(byId.get(e.getKey().from()), byId.get(e.getKey().to()),
                        signalsMatched.getOrDefault(e.getKey(), 0L), e.getValue()))
                .sorted(java.util.Comparator.comparing((Flow f) -> f.from().slug()).thenComparing(f -> f.to().slug()))
                .toList();
    }

    private static Impact sum(Impact a, Impact b) {
        return new Impact(a.matches() + b.matches(), a.matchingParticipants() + b.matchingParticipants(),
                a.actions() + b.actions(), a.accountsActioned() + b.accountsActioned(),
                a.contentRemoved() + b.contentRemoved(), a.confirmations() + b.confirmations(),
                a.falsePositives() + b.falsePositives(), a.notFound() + b.notFound(), a.reports() + b.reports());
    }

    private static Map<String, Object> params(Window w) {
        Map<String, Object> p = new HashMap<>();
        p.put("since", Db.ts(w.since()));
        p.put("until", Db.ts(w.until()));
        return p;
    }
}
