package dev.cairn.server.auth;

import dev.cairn.server.signal.UuidV7;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Issues, authenticates and revokes API keys. */
@Service
public class ApiKeyService {
    /** last_used_at is refreshed at most this often, so authentication does not write on every request. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;

    public ApiKeyService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A freshly issued key: the only time the secret exists outside the caller's hands. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    @Transactional
    public IssuedKey issue(UUID participantId, String name, Set<Scope> scopes) {
        return issue(participantId, name, scopes, ApiKeyTokens.generate());
    }

    @Transactional
    public IssuedKey issue(UUID participantId, String name, Set<Scope> scopes, ApiKeyTokens.Token token) {
        UUID id = UuidV7.next();
        Instant now = Db.now();
        Set<Scope> effective = Scope.closure(scopes);
        jdbc.sql("""
                        INSERT INTO api_key (id, participant_id, name, prefix, key_hash, scopes, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, participantId, name, token.prefix(), ApiKeyTokens.hash(token.value()),
                        Scope.format(effective), Db.ts(now))
                .update();
        return new IssuedKey(new ApiKey(id, participantId, name, token.prefix(), effective, now, null, null), token.value());
    }

    public List<ApiKey> list(UUID participantId) {
        return jdbc.sql("SELECT * FROM api_key WHERE participant_id = ? ORDER BY created_at")
                .param(participantId).query((rs, i) -> map(rs)).list();
    }

    @Transactional
    public ApiKey revoke(UUID participantId, UUID keyId) {
        int n = jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND participant_id = ? AND revoked_at IS NULL")
                .params(Db.ts(Db.now()), keyId, participantId).update();
        ApiKey key = jdbc.sql("SELECT * FROM api_key WHERE id = ? AND participant_id = ?")
                .params(keyId, participantId).query((rs, i) -> map(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("API key"));
        if (n == 0 && key.revokedAt() == null) {
            throw ApiException.notFound("API key");
        }
        return key;
    }

    /** Revokes every key whose name starts with {@code namePrefix}; used to rotate demo keys at each start. */
    @Transactional
    public int revokeNamed(UUID participantId, String namePrefix) {
        return jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE participant_id = ? AND name LIKE ? AND revoked_at IS NULL")
                .params(Db.ts(Db.now()), participantId, namePrefix + "%").update();
    }

    /**
     * Resolves a bearer token to its caller, or explains why not. Checks the participant's status on every call so a
     * suspension takes effect on the next request.
     */
    public Caller authenticate(String token) {
        String prefix = ApiKeyTokens.prefixOf(token);
        if (prefix == null) {
            throw ApiException.unauthorized("Malformed API key");
        }
        record Row(UUID keyId, UUID participantId, String slug, boolean operator, String participantStatus,
                   String hash, String scopes, Instant revokedAt, Instant lastUsedAt) {
        }
        Optional<Row> row = jdbc.sql("""
                        SELECT k.id, k.participant_id, p.slug, p.operator, p.status, k.key_hash, k.scopes,
                               k.revoked_at, k.last_used_at
                        FROM api_key k JOIN participant p ON p.id = k.participant_id
                        WHERE k.prefix = ?""")
                .param(prefix)
                .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getString(7), Db.instant(rs, 8),
                        Db.instant(rs, 9)))
                .optional();
        String presented = ApiKeyTokens.hash(token);
        if (row.isEmpty() || !ApiKeyTokens.sameHash(presented, row.get().hash())) {
            throw ApiException.unauthorized("Unknown API key");
        }
        Row r = row.get();
        if (r.revokedAt() != null) {
            throw ApiException.unauthorized("This API key has been revoked");
        }
        if (!"ACTIVE".equals(r.participantStatus())) {
            throw ApiException.unauthorized("This participant is suspended");
        }
        Instant now = Db.now();
        if (r.lastUsedAt() == null || r.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE id = ?").params(Db.ts(now), r.keyId()).update();
        }
        return new Caller(r.participantId(), r.slug(), r.operator(), r.keyId(), Scope.parseAll(r.scopes()), null);
    }

    private static ApiKey map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getObject("participant_id", UUID.class),
                rs.getString("name"), rs.getString("prefix"), Scope.parseAll(rs.getString("scopes")),
                Db.instant(rs, "created_at"), Db.instant(rs, "last_used_at"), Db.instant(rs, "revoked_at"));
    }
}
