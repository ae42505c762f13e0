package dev.cairn.server.user;

import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt at cost 12 (about a quarter of a second per check: slow for an attacker with a stolen table, tolerable at
 * sign-in). Also holds a hash of a random password, checked against when the username is unknown, so that an unknown
 * user takes as long to refuse as a wrong password.
 */
@Component
public class PasswordHasher {
    public static final int COST = 12;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(COST);
    private final String dummy = encoder.encode(UserService.generatePassword());

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        if (!fits(password)) {
            burn(password);
            return false;
        }
        return encoder.matches(password, hash);
    }

    /** Spends the time of one real check and fails: the path taken for unknown or locked-out users. */
    public void burn(String password) {
        encoder.matches(fits(password) ? password : "", dummy);
    }

    private static boolean fits(String password) {
        return password != null && password.getBytes(StandardCharsets.UTF_8).length <= PasswordPolicy.MAX_BYTES;
    }
}
