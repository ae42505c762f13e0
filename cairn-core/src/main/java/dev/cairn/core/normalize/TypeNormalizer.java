package dev.cairn.core.normalize;

import java.util.List;

/** One signal type's rules. Implementations are stateless singletons and safe to call from any thread. */
interface TypeNormalizer {

    /** Validates {@code value} (already non-blank and length-capped) and returns its match key. */
    Normalized normalize(String value, NormalizeOptions options);

    /** Keys to look up for a query item; the first is the item's own key. */
    default List<Probe> probes(dev.cairn.core.signal.SignalType type, String value, NormalizeOptions options) {
        Normalized n = normalize(value, options);
        return List.of(new Probe(type, n.key(), value.equals(n.key()) ? MatchMethod.EXACT : MatchMethod.NORMALISED));
    }
}
