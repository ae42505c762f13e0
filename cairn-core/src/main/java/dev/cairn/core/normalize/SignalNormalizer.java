package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one normalisation path for every signal type, used by the server at submit and match time, by the CLI and by
 * the indexes. Each type's rules live in their own class (see {@code *Normalizer} in this package); this class checks
 * the common preconditions and dispatches. Thread-safe: the per-type normalisers hold only immutable, shared state.
 */
public final class SignalNormalizer {
    /** Longest value accepted, in chars. Bounds the work an oversized item can cause; long URLs still fit. */
    public static final int MAX_LENGTH = 8192;

    private static final Map<SignalType, TypeNormalizer> BY_TYPE = new EnumMap<>(SignalType.class);

    static {
        BY_TYPE.put(SignalType.EMAIL, EmailNormalizer.INSTANCE);
        BY_TYPE.put(SignalType.USERNAME, UsernameNormalizer.INSTANCE);
        BY_TYPE.put(SignalType.PHONE, PhoneNormalizer.INSTANCE);
        BY_TYPE.put(SignalType.URL, UrlNormalizer.INSTANCE);
        BY_TYPE.put(SignalType.DOMAIN, DomainNormalizer.INSTANCE);
        BY_TYPE.put(SignalType.IP, IpNormalizer.INSTANCE);
        BY_TYPE.put(SignalType.KEYWORD, KeywordNormalizer.INSTANCE);
        BY_TYPE.put(SignalType.MD5, HashNormalizer.MD5);
        BY_TYPE.put(SignalType.SHA1, HashNormalizer.SHA1);
        BY_TYPE.put(SignalType.SHA256, HashNormalizer.SHA256);
        BY_TYPE.put(SignalType.PDQ, HashNormalizer.PDQ);
        BY_TYPE.put(SignalType.CRYPTO_ADDRESS, CryptoAddressNormalizer.INSTANCE);
        for (SignalType t : SignalType.values()) {
            if (!BY_TYPE.containsKey(t)) {
                throw new ExceptionInInitializerError("no normaliser for " + t);
            }
        }
    }

    private SignalNormalizer() {
    }

    /** Validates {@code value} as a signal of {@code type} and returns its match key. */
    public static Normalized normalize(SignalType type, String value, NormalizeOptions options) {
        check(type, value);
        return BY_TYPE.get(type).normalize(value, options == null ? NormalizeOptions.DEFAULT : options);
    }

    /** Validates a blinded value (lowercase hex HMAC-SHA256) and returns its match key. */
    public static Normalized normalizeBlinded(SignalType type, String value) {
        if (!type.blindable()) {
            throw new InvalidValueException("type " + type + " cannot be blinded");
        }
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.length() != 64 || !HashNormalizer.isHex(v)) {
            throw new InvalidValueException("a blinded value must be 64 hex characters (HMAC-SHA256)");
        }
        return Normalized.of(v);
    }

    /**
     * The keys to look up for a query item, first of all its own key. URL adds its Safe Browsing lookup expressions
     * and DOMAIN/IP probes for its host; DOMAIN adds its parent domains; every other type probes its own key only
     * (IP containment in CIDR signals is the range index's job, see {@link IpRange}).
     */
    public static List<Probe> probes(SignalType type, String value, NormalizeOptions options) {
        check(type, value);
        return BY_TYPE.get(type).probes(type, value, options == null ? NormalizeOptions.DEFAULT : options);
    }

    /**
     * The method to report for a hit, once the stored signal is known. For USERNAME the probe's method only says what
     * the query needed; what matters is whether the two sides met before the confusable stage: equal
     * {@link Normalized#form() forms} give EXACT (the query value is literally that form) or NORMALISED, different
     * forms with equal keys give CONFUSABLE. Every other type keeps the probe's method.
     *
     * @param probe      the probe that hit
     * @param queryValue the query item as submitted
     * @param query      {@code normalize(type, queryValue, ...)}
     * @param stored     the stored signal's normalised value (its key equals {@code probe.key()})
     */
    public static MatchMethod matchMethod(Probe probe, String queryValue, Normalized query, Normalized stored) {
        if (probe.type() != SignalType.USERNAME) {
            return probe.method();
        }
        if (query.form().equals(stored.form())) {
            return queryValue.equals(query.form()) ? MatchMethod.EXACT : MatchMethod.NORMALISED;
        }
        return MatchMethod.CONFUSABLE;
    }

    private static void check(SignalType type, String value) {
        if (type == null) {
            throw new InvalidValueException("signal type is missing");
        }
        if (value == null || value.isBlank()) {
            throw new InvalidValueException("must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValueException("longer than " + MAX_LENGTH + " characters");
        }
    }
}
