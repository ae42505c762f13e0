package dev.cairn.bench.data;

import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.normalize.SignalNormalizer;
import dev.cairn.core.signal.SignalType;

import java.util.HexFormat;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic signals and queries, shared by the JMH benchmark, the HTTP load driver and the PostgreSQL
 * comparison so that all three work on the same data. Stored signal {@code i} (0 ≤ i &lt; n) has type
 * {@link #storedType(long)} and value {@link #value(SignalType, long)}; a query that should miss uses an ordinal past
 * the stored range, so it is never stored. Synthetic values only (reserved example domains, random hashes).
 *
 * <p>Mix of the stored signals, by {@code i % 20}: 8 SHA256, 2 MD5, 2 SHA1, 4 EMAIL, 2 USERNAME, 1 DOMAIN, 1 URL.
 */
public final class Synthetic {
    private static final SignalType[] MIX = {
            SignalType.SHA256, SignalType.SHA256, SignalType.SHA256, SignalType.SHA256,
            SignalType.SHA256, SignalType.SHA256, SignalType.SHA256, SignalType.SHA256,
            SignalType.MD5, SignalType.MD5, SignalType.SHA1, SignalType.SHA1,
            SignalType.EMAIL, SignalType.EMAIL, SignalType.EMAIL, SignalType.EMAIL,
            SignalType.USERNAME, SignalType.USERNAME, SignalType.DOMAIN, SignalType.URL};
    private static final HexFormat HEX = HexFormat.of();
    private static final String[] MAIL_DOMAINS = {"example.com", "example.org", "example.net", "mail.example",
            "gmail.com", "outlook.com"};

    private Synthetic() {
    }

    public static SignalType storedType(long i) {
        return MIX[(int) (i % MIX.length)];
    }

    /** Stored ordinals of {@code type}: the k-th one. */
    public static long ordinalOf(SignalType type, long k) {
        int slots = 0;
        int[] slotIdx = new int[MIX.length];
        for (int s = 0; s < MIX.length; s++) {
            if (MIX[s] == type) {
                slotIdx[slots++] = s;
            }
        }
        if (slots == 0) {
            throw new IllegalArgumentException("type not in the stored mix: " + type);
        }
        return (k / slots) * MIX.length + slotIdx[(int) (k % slots)];
    }

    /** How many stored ordinals of {@code type} there are below {@code n}. */
    public static long countOf(SignalType type, long n) {
        long c = 0;
        for (int s = 0; s < MIX.length; s++) {
            if (MIX[s] == type) {
                c += n / MIX.length + (s < n % MIX.length ? 1 : 0);
            }
        }
        return c;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String hex(long seed, int bytes) {
        byte[] b = new byte[bytes];
        long x = seed;
        for (int i = 0; i < bytes; i++) {
            if (i % 8 == 0) {
                x = mix(x + 0x9e3779b97f4a7c15L * (i + 1));
            }
            b[i] = (byte) (x >>> ((i % 8) * 8));
        }
        return HEX.formatHex(b);
    }

    /** The value of ordinal {@code i} as first shared (canonical-ish spelling). */
    public static String value(SignalType type, long i) {
        long h = mix(i * 31 + type.ordinal());
        return switch (type) {
            case SHA256 -> hex(h, 32);
            case SHA1 -> hex(h, 20);
            case MD5 -> hex(h, 16);
            case EMAIL -> "user" + Long.toString(h & 0xffffffffffL, 36) + "@" + MAIL_DOMAINS[(int) ((h >>> 48) % MAIL_DOMAINS.length)];
            case USERNAME -> "u_" + Long.toString(h & 0xffffffffffL, 36);
            case DOMAIN -> "d" + Long.toString(h & 0xffffffffffL, 36) + ".example";
            case URL -> "https://files" + (h & 0xff) + ".example/u/" + Long.toString(h >>> 16, 36) + "/a.jpg";
            default -> throw new IllegalArgumentException("not generated: " + type);
        };
    }

    /**
     * How a member would send the value when querying: hashes in upper-case hex half of the time, e-mails with
     * upper case and, at the providers that ignore them, a sub-address tag. Normalises to the same key as
     * {@link #value}.
     */
    public static String queryValue(SignalType type, long i) {
        String v = value(type, i);
        boolean vary = (mix(i) & 1) == 0;
        if (!vary) {
            return v;
        }
        return switch (type) {
            case SHA256, SHA1, MD5 -> v.toUpperCase(Locale.ROOT);
            case EMAIL -> {
                int at = v.indexOf('@');
                String domain = v.substring(at + 1);
                String local = v.substring(0, at);
                yield domain.equals("gmail.com") || domain.equals("outlook.com")
                        ? local.toUpperCase(Locale.ROOT) + "+promo@" + domain
                        : Character.toUpperCase(local.charAt(0)) + local.substring(1) + "@" + domain;
            }
            default -> v;
        };
    }

    public static String key(SignalType type, String value) {
        return SignalNormalizer.normalize(type, value, NormalizeOptions.DEFAULT).key();
    }

    /** One query item. */
    public record Query(SignalType type, String value, String key, boolean hit) {
    }

    /**
     * {@code count} query items over {@code types} (uniformly), each a hit with probability {@code hitRate} (a
     * stored ordinal of that type, spelt as a member would) and otherwise a value that is not stored.
     *
     * @param n      stored signal count
     * @param stream which query stream (different streams give different queries)
     */
    public static Query[] queries(SignalType[] types, long n, double hitRate, int count, long stream) {
        SplittableRandom rnd = new SplittableRandom(0x5eedL * 1_000_003 + stream);
        Query[] out = new Query[count];
        for (int j = 0; j < count; j++) {
            SignalType t = types[rnd.nextInt(types.length)];
            boolean hit = rnd.nextDouble() < hitRate;
            long ordinal = hit
                    ? ordinalOf(t, rnd.nextLong(countOf(t, n)))
                    : n + 1 + (stream * count + j) * 7L; // past the stored range: never stored
            String v = hit ? queryValue(t, ordinal) : value(t, ordinal);
            out[j] = new Query(t, v, key(t, v), hit);
        }
        return out;
    }

    public static SignalType[] types(String csv) {
        String[] parts = csv.split(",");
        SignalType[] out = new SignalType[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = SignalType.valueOf(parts[i].trim().toUpperCase(Locale.ROOT));
        }
        return out;
    }
}
