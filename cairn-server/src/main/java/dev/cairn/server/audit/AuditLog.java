package dev.cairn.server.audit;

import dev.cairn.core.audit.AuditChain;
import dev.cairn.core.audit.AuditRecord;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends to the hash-chained audit log, each entry in a transaction of its own (so an entry survives the rollback
 * of the work it describes, and a denied request is recorded too). The head row lock serialises appends, which
 * keeps the chain linear across threads and server instances.
 */
@Component
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public AuditLog(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void record(AuditEvent e) {
        try {
            tx.executeWithoutResult(status -> append(e));
        } catch (RuntimeException ex) {
            // Never silently: an unaudited access is an incident for the operator.
            log.error("AUDIT WRITE FAILED for action {} by {} {}", e.action(), e.actorType(), e.actorId(), ex);
            throw ex;
        }
    }

    private void append(AuditEvent e) {
        record Head(long seq, String hash) {
        }
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2))).single();
        long seq = head.seq() + 1;
        Instant now = Db.now();
        String at = now.toString();
        String requestId = orEmpty(MDC.get(RequestIdFilter.MDC_KEY));
        String participant = e.participantId() == null ? "" : e.participantId().toString();
        String detail = orEmpty(e.detail());
        if (detail.length() > 500) {
            detail = detail.substring(0, 500);
        }
        String hash = AuditChain.hash(seq, at, e.actorType().name(), orEmpty(e.actorId()), participant, e.action(),
                orEmpty(e.targetType()), orEmpty(e.targetId()), e.outcome().name(), requestId, detail, head.hash());
        jdbc.sql("""
                        INSERT INTO audit_log (seq, at, at_ts, actor_type, actor_id, participant_id, action, target_type,
                                               target_id, outcome, request_id, detail, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, at, Db.ts(now), e.actorType().name(), orEmpty(e.actorId()), participant, e.action(),
                        orEmpty(e.targetType()), orEmpty(e.targetId()), e.outcome().name(), requestId, detail,
                        head.hash(), hash)
                .update();
        jdbc.sql("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, hash).update();
    }

    /** What a reader may narrow entries to; a null field means "any". */
    public record Filter(UUID participant, String actionPrefix, String outcome, Instant from, Instant to) {
        public static Filter of(UUID participant, String actionPrefix, String outcome) {
            return new Filter(participant, actionPrefix, outcome, null, null);
        }
    }

    /** Entries after {@code afterSeq}, oldest first; restricted to one participant when {@code participant} is set. */
    public List<AuditRecord> read(long afterSeq, int limit, UUID participant, String actionPrefix, String outcome) {
        return query("seq > :seq", afterSeq, Filter.of(participant, actionPrefix, outcome), "seq", limit);
    }

    /**
     * Entries before {@code beforeSeq} ({@code Long.MAX_VALUE} for the newest), newest first: the console's viewer
     * reads backwards from now, with the last sequence of a page as the cursor of the next.
     */
    public List<AuditRecord> readNewest(long beforeSeq, int limit, Filter filter) {
        return query("seq < :seq", beforeSeq, filter, "seq DESC", limit);
    }

    private List<AuditRecord> query(String seqCondition, long seq, Filter filter, String order, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE ").append(seqCondition);
        Map<String, Object> params = new HashMap<>();
        params.put("seq", seq);
        if (filter.participant() != null) {
            sql.append(" AND participant_id = :participant");
            params.put("participant", filter.participant().toString());
        }
        if (filter.actionPrefix() != null) {
            sql.append(" AND action LIKE :action");
            params.put("action", filter.actionPrefix().replace("%", "") + "%");
        }
        if (filter.outcome() != null) {
            sql.append(" AND outcome = :outcome");
            params.put("outcome", filter.outcome());
        }
        if (filter.from() != null) {
            sql.append(" AND at_ts >= :from");
            params.put("from", Db.ts(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND at_ts < :to");
            params.put("to", Db.ts(filter.to()));
        }
        sql.append(" ORDER BY ").append(order).append(" LIMIT ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> new AuditRecord(rs.getLong("seq"),
                rs.getString("at"), rs.getString("actor_type"), rs.getString("actor_id"), rs.getString("participant_id"),
                rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("outcome"),
                rs.getString("request_id"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash")))
                .list();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
