package dev.cairn.server.crypto;

import dev.cairn.server.audit.AuditEvent;
import dev.cairn.server.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Moves values encrypted under an older key to the keyset's current primary, in small batches and with an
 * optimistic check per row, so it runs beside normal traffic. Once it reports zero rows left, the old key can be
 * removed from the keyset.
 */
@Component
public class ReencryptionJob {
    private static final Logger log = LoggerFactory.getLogger(ReencryptionJob.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final FieldCrypto crypto;
    private final AuditLog audit;

    public ReencryptionJob(JdbcClient jdbc, FieldCrypto crypto, AuditLog audit) {
        this.jdbc = jdbc;
        this.crypto = crypto;
        this.audit = audit;
    }

    private record Row(UUID id, String value) {
    }

    @Scheduled(fixedDelayString = "${cairn.crypto.reencrypt-interval:PT1H}", initialDelayString = "PT3M")
    public synchronized int run() {
        int moved = 0;
        UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
        boolean first = true;
        while (true) {
            List<Row> rows = jdbc.sql("SELECT id, submitted_value FROM signal WHERE submitted_value LIKE 'enc1:%'"
                            + (first ? "" : " AND id > :after") + " ORDER BY id LIMIT " + BATCH)
                    .param("after", after)
                    .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2))).list();
            if (rows.isEmpty()) {
                break;
            }
            first = false;
            for (Row r : rows) {
                if (crypto.needsReencryption(r.value())) {
                    FieldCrypto.Opened opened = crypto.open(r.id(), r.value(), null);
                    String resealed = crypto.resealAs(r.id(), opened);
                    moved += jdbc.sql("UPDATE signal SET submitted_value = ? WHERE id = ? AND submitted_value = ?")
                            .params(resealed, r.id(), r.value()).update();
                }
            }
            after = rows.getLast().id();
        }
        if (moved > 0) {
            log.info("Re-encrypted {} values under key {}", moved, crypto.primaryKeyId());
            audit.record(AuditEvent.system("reencryption", "crypto.reencrypt", "signal", "", "reencrypted=" + moved
                    + " primary=" + crypto.primaryKeyId()));
        }
        return moved;
    }

    /** Rows still encrypted under a non-primary key. */
    public int remaining() {
        int n = 0;
        for (String v : jdbc.sql("SELECT submitted_value FROM signal WHERE submitted_value LIKE 'enc1:%'").query(String.class).list()) {
            if (crypto.needsReencryption(v)) {
                n++;
            }
        }
        return n;
    }
}
