package dev.cairn.server.retention;

import dev.cairn.server.audit.AuditEvent;
import dev.cairn.server.audit.AuditLog;
import dev.cairn.server.feed.ChangeKind;
import dev.cairn.server.feed.ChangeLog;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalChanged;
import dev.cairn.server.signal.SignalRepository;
import dev.cairn.server.support.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Erases signals that have been expired or retracted for longer than the grace period: the value, match key,
 * description and tags go; id, type, categories, dates and match/feedback counts stay for statistics. Members'
 * mirrors are told through an ERASED tombstone on the feed. The grace period lets an owner see what it retracted
 * and lets disputes and feedback about it finish.
 */
@Component
public class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final SignalRepository signals;
    private final ChangeLog changeLog;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Duration grace;

    public RetentionJob(JdbcClient jdbc, SignalRepository signals, ChangeLog changeLog, ApplicationEventPublisher events,
                        AuditLog audit, PlatformTransactionManager transactions,
                        @Value("${cairn.retention.erasure-grace:P30D}") Duration grace) {
        this.jdbc = jdbc;
        this.signals = signals;
        this.changeLog = changeLog;
        this.events = events;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.grace = grace;
    }

    @Scheduled(fixedDelayString = "${cairn.retention.interval:PT1H}", initialDelayString = "PT2M")
    public int run() {
        int total = 0;
        int n;
        do {
            Integer erased = tx.execute(status -> eraseBatch(Db.now()));
            n = erased == null ? 0 : erased;
            total += n;
        } while (n == BATCH);
        if (total > 0) {
            log.info("Erased {} expired or retracted signals past the grace period", total);
            audit.record(AuditEvent.system("retention", "retention.erase", "signal", "", "erased=" + total));
        }
        return total;
    }

    private int eraseBatch(Instant now) {
        List<UUID> due = jdbc.sql("""
                        SELECT id FROM signal WHERE status IN ('RETRACTED', 'EXPIRED') AND erased_at IS NULL
                        AND updated_at <= ? ORDER BY updated_at""" + " LIMIT " + BATCH)
                .param(Db.ts(now.minus(grace))).query(UUID.class).list();
        if (due.isEmpty()) {
            return 0;
        }
        List<Signal> before = signals.findAll(due);
        jdbc.sql("""
                        UPDATE signal SET submitted_value = '', match_key = '', description = NULL, erased_at = :now,
                                          updated_at = :now, version = version + 1
                        WHERE id IN (:ids) AND erased_at IS NULL""")
                .param("now", Db.ts(now)).param("ids", due).update();
        jdbc.sql("DELETE FROM signal_tag WHERE signal_id IN (:ids)").param("ids", due).update();
        List<Signal> after = signals.findAll(due);
        events.publishEvent(new SignalChanged(after));
        changeLog.append(before, ChangeKind.ERASED);
        return due.size();
    }
}
