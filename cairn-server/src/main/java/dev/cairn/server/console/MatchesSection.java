package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * For the owner of a signal: how often other members' look-ups matched it, and how. Other members see nothing here:
 * who looks for what is not theirs to know.
 */
@Component
public class MatchesSection implements SignalDetailSection {
    private final JdbcClient jdbc;

    public MatchesSection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Fragment> render(Caller caller, Signal signal) {
        if (!signal.ownerId().equals(caller.participantId())) {
            return Optional.empty();
        }
        Map<String, Long> byMethod = new LinkedHashMap<>();
        Instant[] last = new Instant[1];
        jdbc.sql("""
                        SELECT method, COUNT(*), MAX(matched_at) FROM match_event
                        WHERE signal_id = ? AND matcher_id <> ? GROUP BY method ORDER BY method""")
                .params(signal.id(), caller.participantId())
                .query(rs -> {
                    byMethod.put(rs.getString(1), rs.getLong(2));
                    Instant at = Db.instant(rs, 3);
                    if (last[0] == null || at.isAfter(last[0])) {
                        last[0] = at;
                    }
                });
        if (byMethod.isEmpty()) {
            return Optional.empty();
        }
        long total = byMethod.values().stream().mapToLong(Long::longValue).sum();
        return Optional.of(new Fragment("matches", "Matches by other members", "console/sections/matches",
                Map.of("total", total, "byMethod", byMethod, "last", last[0])));
    }
}
