package dev.cairn.server.match;

import dev.cairn.core.normalize.MatchMethod;
import dev.cairn.server.feedback.SignalAssessor;

/**
 * One signal found for one query item, and how. {@code distance} is -1 except for PDQ. {@code assessment} is the
 * signal's quality score and dispute state at the time of the match.
 */
public record MatchHit(int itemIndex, IndexedSignal signal, MatchMethod method, int distance,
                       SignalAssessor.Assessment assessment) {
}
