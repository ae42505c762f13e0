package dev.cairn.core.pdq;

/**
 * A hash and its quality score (0..100). The reference treats quality below about 50 as too flat
 * to trust for matching; callers decide the cut-off.
 */
public record PdqHashResult(PdqHash hash, int quality) {}
