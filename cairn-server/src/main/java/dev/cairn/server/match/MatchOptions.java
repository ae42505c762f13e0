package dev.cairn.server.match;

/**
 * Request-level match options.
 *
 * @param minScore        leave out signals whose quality score is below this; null for no limit
 * @param includeDisputed also return signals suspended by disputes (marked {@code "suspended": true})
 */
public record MatchOptions(Integer minScore, boolean includeDisputed) {
    public static final MatchOptions DEFAULT = new MatchOptions(null, false);
}
