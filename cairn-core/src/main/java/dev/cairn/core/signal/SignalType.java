package dev.cairn.core.signal;

/** The kinds of signal a member can share. Each has exactly one normaliser in {@code dev.cairn.core.normalize}. */
public enum SignalType {
    EMAIL(true),
    USERNAME(true),
    PHONE(true),
    URL(false),
    DOMAIN(false),
    IP(false),
    KEYWORD(false),
    MD5(false),
    SHA1(false),
    SHA256(false),
    PDQ(false),
    CRYPTO_ADDRESS(false);

    private final boolean blindable;

    SignalType(boolean blindable) {
        this.blindable = blindable;
    }

    /** Whether members may share and match this type as a keyed-hash (blinded) identifier. */
    public boolean blindable() {
        return blindable;
    }

    /** Parses a type name case-insensitively; {@code null} when the name is not a signal type. */
    public static SignalType parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
