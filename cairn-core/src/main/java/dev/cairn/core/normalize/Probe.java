package dev.cairn.core.normalize;

import dev.cairn.core.signal.SignalType;

/** One key to look up in the match index on behalf of a query item, and what a hit on it would mean. */
public record Probe(SignalType type, String key, MatchMethod method) {
}
