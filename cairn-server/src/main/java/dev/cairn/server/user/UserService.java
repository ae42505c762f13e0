package dev.cairn.server.user;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.signal.UuidV7;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Console users of one participant, managed by its admins (an API key with the admin scope, or a participant admin in
 * the console). Operator admins can only be created and changed by the operator.
 */
@Service
public class UserService {
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;

    public UserService(JdbcClient jdbc, PasswordHasher hasher, PasswordPolicy policy) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.policy = policy;
    }

    /** What an admin asks for; a null password means "generate one and show it to me once". */
    public record NewUser(String username, String displayName, Role role, String password) {
    }

    /** A created user, with the generated password when none was given (shown once, never stored in clear). */
    public record Created(UserAccount user, String generatedPassword) {
    }

    @Transactional
    public Created create(Caller caller, NewUser req) {
        caller.require(Scope.ADMIN);
        if (req.role() == Role.OPERATOR_ADMIN) {
            caller.requireOperator();
        }
        List<FieldError> errors = new ArrayList<>();
        String username = req.username() == null ? null : req.username().strip().toLowerCase(Locale.ROOT);
        if (username == null || username.isEmpty()) {
            errors.add(new FieldError("username", "is required"));
        } else if (!USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username", "must be 3-64 lower-case letters, digits, '.', '_' or '-'"));
        }
        String displayName = req.displayName() == null || req.displayName().isBlank() ? username : req.displayName().strip();
        if (displayName != null && displayName.length() > 200) {
            errors.add(new FieldError("display_name", "must be at most 200 characters"));
        }
        if (req.role() == null) {
            errors.add(new FieldError("role", "must be one of " + List.of(Role.values())));
        }
        String password = req.password() == null || req.password().isEmpty() ? null : req.password();
        if (password != null) {
            policy.problem(password, username).ifPresent(p -> errors.add(new FieldError("password", p)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String generated = password == null ? generatePassword() : null;
        UUID id = UuidV7.next();
        Instant now = Db.now();
        try {
            jdbc.sql("""
                            INSERT INTO app_user (id, participant_id, username, display_name, role, password_hash, status,
                                                  failed_attempts, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', 0, ?, ?)""")
                    .params(id, caller.participantId(), username, displayName, req.role().name(),
                            hasher.hash(password == null ? generated : password), Db.ts(now), Db.ts(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("username-taken", "A user with this username already exists");
        }
        return new Created(find(id).orElseThrow(), generated);
    }

    public List<UserAccount> list(Caller caller) {
        caller.require(Scope.ADMIN);
        return jdbc.sql("SELECT * FROM app_user WHERE participant_id = ? ORDER BY username")
                .param(caller.participantId()).query(UserService::map).list();
    }

    public UserAccount get(Caller caller, UUID id) {
        caller.require(Scope.ADMIN);
        return find(id).filter(u -> u.participantId().equals(caller.participantId()))
                .orElseThrow(() -> ApiException.notFound("User"));
    }

    @Transactional
    public UserAccount setStatus(Caller caller, UUID id, UserAccount.Status status, UUID actingUser) {
        UserAccount u = manageable(caller, id, actingUser, "suspend or reactivate");
        jdbc.sql("UPDATE app_user SET status = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?")
                .params(status.name(), Db.ts(Db.now()), u.id()).update();
        return find(id).orElseThrow();
    }

    @Transactional
    public UserAccount update(Caller caller, UUID id, Role role, String displayName, UUID actingUser) {
        UserAccount u = manageable(caller, id, role == null ? null : actingUser, "change the role of");
        if (role == Role.OPERATOR_ADMIN) {
            caller.requireOperator();
        }
        if (displayName != null && (displayName.isBlank() || displayName.length() > 200)) {
            throw ApiException.invalid("display_name", "must be 1-200 characters");
        }
        jdbc.sql("UPDATE app_user SET role = ?, display_name = ?, updated_at = ? WHERE id = ?")
                .params((role == null ? u.role() : role).name(), displayName == null ? u.displayName() : displayName.strip(),
                        Db.ts(Db.now()), u.id()).update();
        return find(id).orElseThrow();
    }

    /** Removes the second factor: the user enrols again at the next sign-in (at once, if their role requires it). */
    @Transactional
    public UserAccount resetTotp(Caller caller, UUID id, UUID actingUser) {
        UserAccount u = manageable(caller, id, actingUser, "reset the second factor of");
        jdbc.sql("UPDATE app_user SET totp_secret = NULL, totp_last_step = NULL, updated_at = ? WHERE id = ?")
                .params(Db.ts(Db.now()), u.id()).update();
        return find(id).orElseThrow();
    }

    /** Sets a new generated password, returned this once; also lifts a lock-out. */
    @Transactional
    public Created resetPassword(Caller caller, UUID id, UUID actingUser) {
        UserAccount u = manageable(caller, id, actingUser, "reset the password of");
        String generated = generatePassword();
        jdbc.sql("UPDATE app_user SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?")
                .params(hasher.hash(generated), Db.ts(Db.now()), u.id()).update();
        return new Created(find(id).orElseThrow(), generated);
    }

    /**
     * The user behind a console session as of now, or empty when the session must end: the user or their
     * organisation is suspended, or their role now requires a second factor they have not set up.
     */
    public Optional<SignedInUser> signedIn(UUID userId) {
        return jdbc.sql("""
                        SELECT u.id, u.username, u.display_name, u.role, u.status, u.totp_secret,
                               p.id AS pid, p.slug, p.name, p.operator, p.status AS pstatus
                        FROM app_user u JOIN participant p ON p.id = u.participant_id WHERE u.id = ?""")
                .param(userId)
                .query((rs, i) -> {
                    Role role = Role.valueOf(rs.getString("role"));
                    boolean totp = rs.getString("totp_secret") != null;
                    boolean usable = "ACTIVE".equals(rs.getString("status")) && "ACTIVE".equals(rs.getString("pstatus"))
                            && (totp || !role.totpRequired());
                    return usable ? new SignedInUser(rs.getObject("id", UUID.class), rs.getString("username"),
                            rs.getString("display_name"), role, rs.getObject("pid", UUID.class), rs.getString("slug"),
                            rs.getString("name"), rs.getBoolean("operator"), totp) : null;
                })
                .optional();
    }

    /**
     * Creates or resets a user outside any admin's request (demo start-up): sets the password and TOTP secret and
     * lifts any suspension or lock-out. Not reachable from the API or the console.
     */
    @Transactional
    public UserAccount provision(UUID participantId, String username, String displayName, Role role, String password,
                                 String totpSecret) {
        Instant now = Db.now();
        String hash = hasher.hash(password);
        int n = jdbc.sql("""
                        UPDATE app_user SET participant_id = ?, display_name = ?, role = ?, password_hash = ?, totp_secret = ?,
                                            totp_last_step = NULL, status = 'ACTIVE', failed_attempts = 0, locked_until = NULL,
                                            updated_at = ?
                        WHERE username = ?""")
                .params(participantId, displayName, role.name(), hash, totpSecret, Db.ts(now), username).update();
        if (n == 0) {
            jdbc.sql("""
                            INSERT INTO app_user (id, participant_id, username, display_name, role, password_hash, totp_secret,
                                                  status, failed_attempts, created_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', 0, ?, ?)""")
                    .params(UuidV7.next(), participantId, username, displayName, role.name(), hash, totpSecret,
                            Db.ts(now), Db.ts(now)).update();
        }
        return jdbc.sql("SELECT * FROM app_user WHERE username = ?").param(username).query(UserService::map).single();
    }

    public Optional<UserAccount> find(UUID id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = ?").param(id).query(UserService::map).optional();
    }

    private UserAccount manageable(Caller caller, UUID id, UUID actingUser, String what) {
        UserAccount u = get(caller, id);
        if (u.role() == Role.OPERATOR_ADMIN) {
            caller.requireOperator();
        }
        if (u.id().equals(actingUser)) {
            // an admin locking themselves out, or demoting the last admin, is a mistake another admin should make
            throw ApiException.conflict("own-account", "You cannot " + what + " your own account; ask another admin");
        }
        return u;
    }

    /** 4 groups of 5 from an alphabet without look-alikes: about 100 bits, easy to read out and type. */
    public static String generatePassword() {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 4; g++) {
            if (g > 0) {
                sb.append('-');
            }
            for (int i = 0; i < 5; i++) {
                sb.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
            }
        }
        return sb.toString();
    }

    static UserAccount map(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getObject("id", UUID.class), rs.getObject("participant_id", UUID.class),
                rs.getString("username"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                UserAccount.Status.valueOf(rs.getString("status")), rs.getString("totp_secret") != null,
                Db.instant(rs, "locked_until"), Db.instant(rs, "last_login_at"), Db.instant(rs, "created_at"));
    }
}
