package dev.cairn.server.user;

import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rules, in the spirit of NIST SP 800-63B: length over composition rules, and a check against passwords
 * attackers try first. No forced character classes, no forced rotation.
 */
@Component
public class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; a longer password would be silently truncated, so it is refused instead. */
    public static final int MAX_BYTES = 72;
    /** Words that, with digits and punctuation around them, make up most guessed passwords. */
    private static final Set<String> WEAK_STEMS = Set.of("password", "passwort", "qwerty", "qwertyuiop", "letmein",
            "welcome", "admin", "administrator", "iloveyou", "changeme", "secret", "login", "cairn", "abc", "abcdef",
            "asdf", "asdfgh", "zxcvbn", "monkey", "dragon", "master", "trustno", "football", "baseball", "sunshine",
            "princess", "superman");

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** Why {@code password} is unacceptable for {@code username}, or empty when it is acceptable. */
    public Optional<String> problem(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String letters = lower.replaceAll("[^\\p{L}]", "");
        if (common.contains(lower) || common.contains(lower.replace(" ", "")) || WEAK_STEMS.contains(letters)) {
            return Optional.of("is too common; choose a longer phrase of unrelated words");
        }
        if (lower.chars().distinct().count() < 4) {
            return Optional.of("repeats too few characters; choose a longer phrase of unrelated words");
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the username");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> out.add(l.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
