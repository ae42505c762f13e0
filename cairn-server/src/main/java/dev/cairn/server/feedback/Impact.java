package dev.cairn.server.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a signal (or a set of them) led to at other participants in a window: counts only, never which of their
 * users or content matched.
 *
 * @param matches              match events at other participants (the owner's own matches are left out)
 * @param matchingParticipants distinct other participants that matched
 * @param actions              participants currently reporting ACTIONED
 * @param reports              reports to the authorities: REPORTED_TO_AUTHORITIES, or ACTIONED with a report reference
 */
public record Impact(long matches, long matchingParticipants, long actions, long accountsActioned, long contentRemoved,
                     long confirmations, long falsePositives, long notFound, long reports) {
    public static final Impact NONE = new Impact(0, 0, 0, 0, 0, 0, 0, 0, 0);

    Impact withMatches(long matches, long participants) {
        return new Impact(matches, participants, actions, accountsActioned, contentRemoved, confirmations,
                falsePositives, notFound, reports);
    }

    /** Adds one grouped feedback row: outcome, COUNT(*), SUM(accounts), SUM(content), SUM(reported) in columns 1-5. */
    Impact plusFeedback(ResultSet rs, int first) throws SQLException {
        Outcome o = Outcome.valueOf(rs.getString(first));
        long n = rs.getLong(first + 1);
        return new Impact(matches, matchingParticipants,
                actions + (o == Outcome.ACTIONED ? n : 0),
                accountsActioned + rs.getLong(first + 2),
                contentRemoved + rs.getLong(first + 3),
                confirmations + (o.confirmation() ? n : 0),
                falsePositives + (o == Outcome.FALSE_POSITIVE ? n : 0),
                notFound + (o == Outcome.NOT_FOUND ? n : 0),
                reports + rs.getLong(first + 4));
    }

    Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matches", matches);
        m.put("matching_participants", matchingParticipants);
        m.put("actions", actions);
        m.put("accounts_actioned", accountsActioned);
        m.put("content_removed", contentRemoved);
        m.put("confirmations", confirmations);
        m.put("false_positives", falsePositives);
        m.put("not_found", notFound);
        m.put("reports_to_authorities", reports);
        return m;
    }
}
