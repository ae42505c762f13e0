package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalService;
import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reads and writes the console's view of a signal beyond the signal itself: its history from the change feed, and
 * who revealed its value. Both first ask {@link SignalService} for the signal, so they answer only for signals the
 * caller may see.
 */
@Service
public class SignalActivity {
    private final SignalService signals;
    private final JdbcClient jdbc;

    public SignalActivity(SignalService signals, JdbcClient jdbc) {
        this.signals = signals;
        this.jdbc = jdbc;
    }

    /** One change of a signal, as the change feed recorded it. */
    public record Change(long seq, String kind, List<String> categories, Instant at) {
    }

    public List<Change> history(Caller caller, UUID signalId) {
        signals.get(caller, signalId);
        return jdbc.sql("SELECT seq, kind, categories, created_at FROM signal_event WHERE signal_id = ? ORDER BY seq")
                .param(signalId)
                .query((rs, i) -> new Change(rs.getLong(1), rs.getString(2),
                        Arrays.stream(rs.getString(3).split(",")).filter(s -> !s.isEmpty()).toList(), Db.instant(rs, 4)))
                .list();
    }

    /** The signal with its value, after recording that this user saw it. */
    @Transactional
    public Signal reveal(Caller caller, UUID userId, UUID signalId) {
        Signal s = signals.get(caller, signalId);
        jdbc.sql("INSERT INTO value_reveal (user_id, participant_id, signal_id, at) VALUES (?, ?, ?, ?)")
                .params(userId, caller.participantId(), signalId, Db.ts(Db.now())).update();
        return s;
    }
}
