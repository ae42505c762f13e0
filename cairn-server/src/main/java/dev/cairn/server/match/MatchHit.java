package dev.cairn.server.match;

import dev.cairn.core.normalize.MatchMethod;

/** One signal found for one query item, and how. {@code distance} is -1 except for PDQ. */
public record MatchHit(int itemIndex, IndexedSignal signal, MatchMethod method, int distance) {
}
