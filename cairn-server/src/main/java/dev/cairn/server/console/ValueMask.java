package dev.cairn.server.console;

import dev.cairn.core.signal.SignalType;

/**
 * How identifier values appear until an analyst reveals them: enough to tell two apart at a glance
 * ({@code j•••@e•••.com}), not enough to read them over a shoulder or off a screenshot. Hashes identify files, not
 * people, and are shown whole; blinded values are keyed hashes already.
 */
public final class ValueMask {
    static final String DOTS = "•••";

    private ValueMask() {
    }

    public static boolean masked(SignalType type, boolean blinded) {
        return !blinded && switch (type) {
            case MD5, SHA1, SHA256, PDQ -> false;
            default -> true;
        };
    }

    public static String mask(SignalType type, boolean blinded, String value) {
        if (!masked(type, blinded) || value == null || value.isEmpty()) {
            return value;
        }
        return switch (type) {
            case EMAIL -> email(value);
            case URL -> url(value);
            case DOMAIN -> host(value);
            case PHONE -> phone(value);
            case IP -> ip(value);
            case CRYPTO_ADDRESS -> value.length() <= 10 ? first(value) : value.substring(0, 4) + DOTS + value.substring(value.length() - 3);
            default -> first(value);
        };
    }

    private static String first(String s) {
        return s.codePoints().limit(1).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + DOTS;
    }

    private static String email(String v) {
        int at = v.lastIndexOf('@');
        if (at < 0) {
            return first(v);
        }
        return first(v.substring(0, at)) + "@" + host(v.substring(at + 1));
    }

    /** First letter of the host, then its top-level domain: {@code e•••.com}. */
    private static String host(String h) {
        int dot = h.lastIndexOf('.');
        if (dot <= 0 || dot == h.length() - 1) {
            return first(h);
        }
        return first(h) + h.substring(dot);
    }

    private static String url(String v) {
        int scheme = v.indexOf("://");
        String rest = scheme < 0 ? v : v.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        return (scheme < 0 ? "" : v.substring(0, scheme + 3)) + host(host) + (slash < 0 ? "" : "/" + DOTS);
    }

    /** The last two digits only: enough to tell numbers apart in a list. */
    private static String phone(String v) {
        String digits = v.replaceAll("\\D", "");
        return digits.length() < 4 ? DOTS : DOTS + digits.substring(digits.length() - 2);
    }

    private static String ip(String v) {
        if (v.contains(":")) {
            int colon = v.indexOf(':');
            return v.substring(0, colon) + ":" + DOTS;
        }
        int dot = v.indexOf('.');
        return dot < 0 ? first(v) : v.substring(0, dot) + "." + DOTS;
    }
}
