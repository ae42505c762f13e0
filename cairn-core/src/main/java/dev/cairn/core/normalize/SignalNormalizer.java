package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;

import java.util.List;
import java.util.Locale;

/**
 * The one normalisation path for every signal type, used by the server at submit and match time, by the CLI and by
 * the indexes. (Interim implementation: trims and lower-cases; the per-type normalisers replace it.)
 */
public final class SignalNormalizer {
    private SignalNormalizer() {
    }

    /** Validates {@code value} as a signal of {@code type} and returns its match key. */
    public static Normalized normalize(SignalType type, String value, NormalizeOptions options) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("must not be blank");
        }
        return Normalized.of(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Validates a blinded value (lowercase hex HMAC-SHA256) and returns its match key. */
    public static Normalized normalizeBlinded(SignalType type, String value) {
        if (!type.blindable()) {
            throw new InvalidValueException("type " + type + " cannot be blinded");
        }
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (!v.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("a blinded value must be 64 hex characters (HMAC-SHA256)");
        }
        return Normalized.of(v);
    }

    /** The keys to look up for a query item, first of all its own key. */
    public static List<Probe> probes(SignalType type, String value, NormalizeOptions options) {
        Normalized n = normalize(type, value, options);
        return List.of(new Probe(type, n.key(), value.equals(n.key()) ? MatchMethod.EXACT : MatchMethod.NORMALISED));
    }
}
