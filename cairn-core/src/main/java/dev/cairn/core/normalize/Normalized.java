package dev.cairn.core.normalize;

/**
 * The result of normalising one value.
 *
 * @param key  the match key: the canonical form that is stored and compared (for usernames the confusable skeleton)
 * @param form the normal form before any confusable mapping (for usernames NFKC + case fold with format characters
 *             removed; for every other type equal to {@code key}). Used to tell a confusable match from a normalised one.
 */
public record Normalized(String key, String form) {
    public static Normalized of(String key) {
        return new Normalized(key, key);
    }
}
