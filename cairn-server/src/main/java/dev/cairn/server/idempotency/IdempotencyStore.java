package dev.cairn.server.idempotency;

import dev.cairn.server.CairnProperties;
import dev.cairn.server.crypto.FieldCrypto;
import dev.cairn.server.support.Db;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/** Remembers idempotency keys in the database, so replays survive restarts and work across server instances. */
@Component
public class IdempotencyStore {
    /** A claim left unfinished this long (the server died mid-request) may be taken over by a retry. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final Duration ttl;
    private final FieldCrypto crypto;

    public IdempotencyStore(JdbcClient jdbc, CairnProperties properties, FieldCrypto crypto) {
        this.jdbc = jdbc;
        this.ttl = properties.idempotencyTtl();
        this.crypto = crypto;
    }

    public sealed interface Claim {
        record Claimed() implements Claim {
        }

        record Replay(int status, String contentType, String body) implements Claim {
        }

        record Mismatch() implements Claim {
        }

        record InProgress() implements Claim {
        }
    }

    public static String hash(String method, String path, String query, String contentType, byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((method + " " + path + "?" + (query == null ? "" : query) + "\n"
                    + (contentType == null ? "" : contentType) + "\n").getBytes(StandardCharsets.UTF_8));
            md.update(body);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Claim claim(UUID participant, String key, String requestHash) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                jdbc.sql("INSERT INTO idempotency_record (participant_id, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)")
                        .params(participant, key, requestHash, Db.ts(Db.now())).update();
                return new Claim.Claimed();
            } catch (DuplicateKeyException e) {
                record Row(String hash, Integer status, String contentType, String body, Instant createdAt) {
                }
                Optional<Row> row = jdbc.sql("""
                                SELECT request_hash, status_code, content_type, response_body, created_at
                                FROM idempotency_record WHERE participant_id = ? AND idem_key = ?""")
                        .params(participant, key)
                        .query((rs, i) -> new Row(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                                rs.getString(4), Db.instant(rs, 5)))
                        .optional();
                if (row.isEmpty()) {
                    continue; // released between our insert and select: try again
                }
                Row r = row.get();
                if (!r.hash().equals(requestHash)) {
                    return new Claim.Mismatch();
                }
                if (r.status() != null) {
                    return new Claim.Replay(r.status(), r.contentType(),
                            r.body() == null ? "" : crypto.openText(participant + "/" + key, r.body()));
                }
                if (r.createdAt().plus(ABANDONED_AFTER).isBefore(Instant.now())) {
                    release(participant, key);
                    continue;
                }
                return new Claim.InProgress();
            }
        }
        return new Claim.InProgress();
    }

    public void complete(UUID participant, String key, int status, String contentType, String body) {
        jdbc.sql("UPDATE idempotency_record SET status_code = ?, content_type = ?, response_body = ? WHERE participant_id = ? AND idem_key = ?")
                // Responses echo submitted values: stored encrypted like the values themselves.
                .params(status, contentType, crypto.sealText(participant + "/" + key, body), participant, key).update();
    }

    public void release(UUID participant, String key) {
        jdbc.sql("DELETE FROM idempotency_record WHERE participant_id = ? AND idem_key = ? AND status_code IS NULL")
                .params(participant, key).update();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void purgeExpired() {
        jdbc.sql("DELETE FROM idempotency_record WHERE created_at < ?").param(Db.ts(Instant.now().minus(ttl))).update();
    }
}
