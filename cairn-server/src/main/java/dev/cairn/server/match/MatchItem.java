package dev.cairn.server.match;

import dev.cairn.core.normalize.Normalized;
import dev.cairn.core.normalize.Probe;
import dev.cairn.core.signal.SignalType;

import java.util.List;

/** One validated query item and the keys to probe for it. */
record MatchItem(int index, SignalType type, String value, Normalized normalized, boolean blinded, String platform,
                 List<Probe> probes, int maxDistance, boolean dihedral) {
}
