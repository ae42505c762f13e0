package dev.cairn.server.console;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The dashboard's figures for one participant. The database groups by day (a cast both H2 and PostgreSQL know);
 * days are folded into ISO weeks (Monday first, UTC) here, which keeps the SQL portable.
 */
@Service
public class DashboardService {
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final JdbcClient jdbc;

    public DashboardService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One line or bar group of a chart. */
    public record Series(String label, long[] values) {
    }

    public record Totals(long sharedActive, long receivedActive, long matchesOnMine, long matchesByMe) {
    }

    /** Weeks are labelled by their Monday. Series with no data at all are left out. */
    public record Dashboard(List<String> weeks, List<Series> sharedByType, List<Series> receivedByType,
                            List<String> categories, Series sharedByCategory, Series receivedByCategory,
                            Series matchesOnMine, Series matchesByMe, Totals totals) {
    }

    public Dashboard dashboard(Caller caller, int weeks) {
        caller.require(Scope.READ);
        UUID me = caller.participantId();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate firstMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(weeks - 1L);
        Instant since = firstMonday.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<String> labels = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            labels.add(LABEL.format(firstMonday.plusWeeks(w)));
        }

        List<Series> shared = byType("s.owner_id = ?", me, since, firstMonday, weeks);
        List<Series> received = byType("s.owner_id <> ? AND s.status = 'ACTIVE'", me, since, firstMonday, weeks);

        Map<String, long[]> cats = new TreeMap<>();
        jdbc.sql("""
                        SELECT c.code,
                               SUM(CASE WHEN s.owner_id = ? THEN 1 ELSE 0 END),
                               SUM(CASE WHEN s.owner_id <> ? AND s.status = 'ACTIVE' THEN 1 ELSE 0 END)
                        FROM signal s JOIN signal_category c ON c.signal_id = s.id
                        WHERE s.created_at >= ? GROUP BY c.code""")
                .params(me, me, Db.ts(since))
                .query(rs -> {
                    cats.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                });
        List<String> categories = new ArrayList<>(cats.keySet());
        long[] sharedCat = cats.values().stream().mapToLong(v -> v[0]).toArray();
        long[] receivedCat = cats.values().stream().mapToLong(v -> v[1]).toArray();

        // self-matches (a member checking its own signals) say nothing about the exchange's value, so they are left out
        long[] onMine = perWeek("""
                SELECT CAST(matched_at AS DATE), COUNT(*) FROM match_event
                WHERE owner_id = ? AND matcher_id <> ? AND matched_at >= ? GROUP BY CAST(matched_at AS DATE)""",
                me, since, firstMonday, weeks);
        long[] byMe = perWeek("""
                SELECT CAST(matched_at AS DATE), COUNT(*) FROM match_event
                WHERE matcher_id = ? AND owner_id <> ? AND matched_at >= ? GROUP BY CAST(matched_at AS DATE)""",
                me, since, firstMonday, weeks);

        long sharedActive = count("SELECT COUNT(*) FROM signal WHERE owner_id = ? AND status = 'ACTIVE'", me);
        long receivedActive = count("SELECT COUNT(*) FROM signal WHERE owner_id <> ? AND status = 'ACTIVE'", me);
        Totals totals = new Totals(sharedActive, receivedActive, Arrays.stream(onMine).sum(), Arrays.stream(byMe).sum());
        return new Dashboard(labels, shared, received, categories, new Series("Shared", sharedCat),
                new Series("Received", receivedCat), new Series("Matches on your signals", onMine),
                new Series("Your look-ups that matched", byMe), totals);
    }

    private List<Series> byType(String where, UUID me, Instant since, LocalDate firstMonday, int weeks) {
        Map<SignalType, long[]> series = new LinkedHashMap<>();
        jdbc.sql("SELECT CAST(s.created_at AS DATE), s.type, COUNT(*) FROM signal s WHERE " + where
                        + " AND s.created_at >= ? GROUP BY CAST(s.created_at AS DATE), s.type")
                .params(me, Db.ts(since))
                .query(rs -> {
                    int w = week(rs.getObject(1, LocalDate.class), firstMonday, weeks);
                    if (w >= 0) {
                        series.computeIfAbsent(SignalType.valueOf(rs.getString(2)), t -> new long[weeks])[w] += rs.getLong(3);
                    }
                });
        List<Series> out = new ArrayList<>();
        for (SignalType t : SignalType.values()) {
            if (series.containsKey(t)) {
                out.add(new Series(t.name(), series.get(t)));
            }
        }
        return out;
    }

    private long[] perWeek(String sql, UUID me, Instant since, LocalDate firstMonday, int weeks) {
        long[] out = new long[weeks];
        jdbc.sql(sql).params(me, me, Db.ts(since)).query(rs -> {
            int w = week(rs.getObject(1, LocalDate.class), firstMonday, weeks);
            if (w >= 0) {
                out[w] += rs.getLong(2);
            }
        });
        return out;
    }

    private long count(String sql, UUID me) {
        return jdbc.sql(sql).param(me).query(Long.class).single();
    }

    private static int week(LocalDate day, LocalDate firstMonday, int weeks) {
        long w = ChronoUnit.DAYS.between(firstMonday, day) / 7;
        return day.isBefore(firstMonday) || w >= weeks ? -1 : (int) w;
    }
}
