package dev.cairn.server.user;

import dev.cairn.server.support.Db;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.cairn.server.audit.AuditEvent;
import dev.cairn.server.audit.AuditLog;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Console sign-in: password, then the second factor. Every way a sign-in can fail before the password is proven
 * (unknown user, wrong password, locked out) looks the same from outside, in message and in time. After
 * {@link #MAX_FAILURES} failed passwords or codes in a row the account refuses sign-in for {@link #LOCK_OUT}.
 */
@Service
public class LoginService {
    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK_OUT = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    public LoginService(JdbcClient jdbc, PasswordHasher hasher, AuditLog audit) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** Every console sign-in step is audited: by user id when the user exists, never by the name typed. */
    private void audited(UUID userId, UUID participantId, String step, boolean ok, String detail) {
        audit.record(new AuditEvent(userId == null ? AuditEvent.ActorType.ANONYMOUS : AuditEvent.ActorType.USER,
                userId == null ? "unknown-user" : userId.toString(), participantId, "console " + step, "user",
                userId == null ? "" : userId.toString(), ok ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.AUTH_FAILED,
                detail));
    }

    /** What happens after the password step. */
    public sealed interface PasswordResult {
    }

    /** Unknown user, wrong password or locked out: deliberately indistinguishable. */
    public record Refused() implements PasswordResult {
    }

    /** The password was right but the user or their organisation is suspended. */
    public record Suspended() implements PasswordResult {
    }

    /** The password was right; {@code next} says which second-factor step follows. */
    public record PasswordOk(UUID userId, String username, Next next) implements PasswordResult {
    }

    public enum Next {
        /** Enter a code from the enrolled authenticator. */
        TOTP,
        /** The role requires a second factor and none is set up: enrol now. */
        ENROL,
        /** No second factor set up and none required. */
        DONE
    }

    private record Row(UUID id, String username, String hash, String status, String participantStatus,
                       String totpSecret, Long lastStep, Role role, Instant lockedUntil) {
    }

    public PasswordResult checkPassword(String username, String password) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        Optional<Row> row = load(name);
        Instant now = Db.now();
        if (row.isEmpty()) {
            hasher.burn(password);
            audited(null, null, "password", false, "unknown user");
            return new Refused();
        }
        Row r = row.get();
        if (r.lockedUntil() != null && r.lockedUntil().isAfter(now)) {
            hasher.burn(password);
            audited(r.id(), null, "password", false, "locked out");
            return new Refused();
        }
        if (!hasher.matches(password, r.hash())) {
            fail(r.id());
            audited(r.id(), null, "password", false, "wrong password");
            return new Refused();
        }
        if (!"ACTIVE".equals(r.status()) || !"ACTIVE".equals(r.participantStatus())) {
            audited(r.id(), null, "password", false, "suspended");
            return new Suspended();
        }
        audited(r.id(), null, "password", true, null);
        Next next = r.totpSecret() != null ? Next.TOTP : r.role().totpRequired() ? Next.ENROL : Next.DONE;
        if (next == Next.DONE) {
            succeed(r.id());
        }
        return new PasswordOk(r.id(), r.username(), next);
    }

    /** Checks a code at the second step; false also when locked out (the password step already told nothing). */
    @Transactional
    public boolean verifyTotp(UUID userId, String code) {
        Optional<Row> row = loadById(userId);
        if (row.isEmpty() || row.get().totpSecret() == null) {
            return false;
        }
        Row r = row.get();
        Instant now = Db.now();
        if (r.lockedUntil() != null && r.lockedUntil().isAfter(now)) {
            return false;
        }
        OptionalLong step = Totp.verify(r.totpSecret(), code, now.getEpochSecond());
        // a code is good once: refusing its step (and earlier ones) stops a shoulder-surfed code being replayed
        if (step.isEmpty() || (r.lastStep() != null && step.getAsLong() <= r.lastStep())) {
            fail(userId);
            audited(userId, null, "totp", false, "wrong or reused code");
            return false;
        }
        audited(userId, null, "totp", true, null);
        // conditional update: of two concurrent sign-ins with the same code, one wins
        int n = jdbc.sql("""
                        UPDATE app_user SET totp_last_step = ?, failed_attempts = 0, locked_until = NULL, last_login_at = ?
                        WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)""")
                .params(step.getAsLong(), Db.ts(now), userId, step.getAsLong()).update();
        return n == 1;
    }

    /**
     * Completes enrolment: the code proves the user's app holds {@code secret}. Only for users without a second
     * factor, so a stolen session cannot replace an enrolled one.
     */
    @Transactional
    public boolean enrol(UUID userId, String secret, String code) {
        Instant now = Db.now();
        OptionalLong step = Totp.verify(secret, code, now.getEpochSecond());
        if (step.isEmpty()) {
            fail(userId);
            return false;
        }
        int n = jdbc.sql("""
                        UPDATE app_user SET totp_secret = ?, totp_last_step = ?, failed_attempts = 0, locked_until = NULL,
                                            last_login_at = ?, updated_at = ?
                        WHERE id = ? AND totp_secret IS NULL""")
                .params(secret, step.getAsLong(), Db.ts(now), Db.ts(now), userId).update();
        return n == 1;
    }

    public boolean lockedOut(UUID userId) {
        return loadById(userId).map(r -> r.lockedUntil() != null && r.lockedUntil().isAfter(Db.now())).orElse(true);
    }

    private void fail(UUID userId) {
        Instant now = Db.now();
        jdbc.sql("UPDATE app_user SET failed_attempts = failed_attempts + 1 WHERE id = ?").param(userId).update();
        jdbc.sql("UPDATE app_user SET locked_until = ?, failed_attempts = 0 WHERE id = ? AND failed_attempts >= ?")
                .params(Db.ts(now.plus(LOCK_OUT)), userId, MAX_FAILURES).update();
    }

    private void succeed(UUID userId) {
        jdbc.sql("UPDATE app_user SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE id = ?")
                .params(Db.ts(Db.now()), userId).update();
    }

    private Optional<Row> load(String username) {
        return query("u.username = ?", username);
    }

    private Optional<Row> loadById(UUID id) {
        return query("u.id = ?", id);
    }

    private Optional<Row> query(String where, Object param) {
        return jdbc.sql("""
                        SELECT u.id, u.username, u.password_hash, u.status, p.status AS pstatus, u.totp_secret,
                               u.totp_last_step, u.role, u.locked_until
                        FROM app_user u JOIN participant p ON p.id = u.participant_id WHERE """ + " " + where)
                .param(param)
                .query((rs, i) -> new Row(rs.getObject("id", UUID.class), rs.getString("username"),
                        rs.getString("password_hash"), rs.getString("status"), rs.getString("pstatus"),
                        rs.getString("totp_secret"), (Long) rs.getObject("totp_last_step", Long.class),
                        Role.valueOf(rs.getString("role")), Db.instant(rs, "locked_until")))
                .optional();
    }
}
