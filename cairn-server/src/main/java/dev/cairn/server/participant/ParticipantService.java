package dev.cairn.server.participant;

import dev.cairn.server.auth.ApiKeyService;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.signal.UuidV7;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

@Service
public class ParticipantService {
    public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");

    private final JdbcClient jdbc;
    private final ApiKeyService keys;

    public ParticipantService(JdbcClient jdbc, ApiKeyService keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** A new participant and its first admin key, whose secret is returned this once. */
    public record Created(Participant participant, ApiKeyService.IssuedKey adminKey) {
    }

    @Transactional
    public Created create(String slug, String name, String contact, boolean operator) {
        UUID id = UuidV7.next();
        Instant now = Db.now();
        try {
            jdbc.sql("""
                            INSERT INTO participant (id, slug, name, contact, status, operator, created_at, updated_at)
                            VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?)""")
                    .params(id, slug, name, contact, operator, Db.ts(now), Db.ts(now)).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("slug-taken", "A participant with this slug already exists");
        }
        Participant p = new Participant(id, slug, name, contact, Participant.Status.ACTIVE, operator, now, now);
        var key = keys.issue(id, "initial admin key", EnumSet.of(Scope.ADMIN));
        return new Created(p, key);
    }

    public Optional<Participant> find(UUID id) {
        return jdbc.sql("SELECT * FROM participant WHERE id = ?").param(id).query(ParticipantService::map).optional();
    }

    public Optional<Participant> findBySlug(String slug) {
        return jdbc.sql("SELECT * FROM participant WHERE slug = ?").param(slug).query(ParticipantService::map).optional();
    }

    public Optional<Participant> findOperator() {
        return jdbc.sql("SELECT * FROM participant WHERE operator = TRUE ORDER BY created_at")
                .query(ParticipantService::map).list().stream().findFirst();
    }

    public List<Participant> list() {
        return jdbc.sql("SELECT * FROM participant ORDER BY slug").query(ParticipantService::map).list();
    }

    @Transactional
    public Participant setStatus(UUID id, Participant.Status status) {
        Participant p = find(id).orElseThrow(() -> ApiException.notFound("Participant"));
        if (p.operator() && status == Participant.Status.SUSPENDED) {
            throw ApiException.conflict("operator-not-suspendable", "The operator participant cannot be suspended");
        }
        jdbc.sql("UPDATE participant SET status = ?, updated_at = ? WHERE id = ?")
                .params(status.name(), Db.ts(Db.now()), id).update();
        return find(id).orElseThrow();
    }

    static Participant map(ResultSet rs, int row) throws SQLException {
        return new Participant(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                rs.getString("contact"), Participant.Status.valueOf(rs.getString("status")),
                rs.getBoolean("operator"), Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}
