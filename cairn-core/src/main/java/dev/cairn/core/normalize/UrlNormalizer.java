package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;

import java.util.ArrayList;
import java.util.List;

/**
 * URL: the match key is the Safe Browsing expression {@code host/path[?query]} of the canonical URL (scheme, port,
 * user-info and fragment dropped), so a signal {@code evil.example/gallery/} is hit by every URL whose lookup
 * expressions include it.
 *
 * <p>Query probes, in order: the full expression (EXACT when the value was given exactly so, else NORMALISED); the
 * other Safe Browsing lookup expressions (URL_EXPRESSION); a DOMAIN probe for the host (NORMALISED) and one per parent
 * domain above the public suffix (SUBDOMAIN), or for an IP host an IP probe (NORMALISED; EXACT if the value was
 * given as exactly that host).
 */
final class UrlNormalizer implements TypeNormalizer {
    static final UrlNormalizer INSTANCE = new UrlNormalizer();

    private UrlNormalizer() {
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        return Normalized.of(UrlCanonicalizer.canonicalize(value).expression());
    }

    @Override
    public List<Probe> probes(SignalType type, String value, NormalizeOptions options) {
        CanonicalUrl url = UrlCanonicalizer.canonicalize(value);
        List<String> expressions = url.lookupExpressions();
        List<Probe> out = new ArrayList<>(expressions.size() + 4);
        String key = expressions.get(0);
        out.add(new Probe(SignalType.URL, key, value.equals(key) ? MatchMethod.EXACT : MatchMethod.NORMALISED));
        for (int i = 1; i < expressions.size(); i++) {
            out.add(new Probe(SignalType.URL, expressions.get(i), MatchMethod.URL_EXPRESSION));
        }
        if (url.ipHost()) {
            String h = url.host();
            if (h.startsWith("[")) {
                h = h.substring(1, h.length() - 1);
            }
            out.add(new Probe(SignalType.IP, h, value.equals(h) ? MatchMethod.EXACT : MatchMethod.NORMALISED));
            return out;
        }
        String domain;
        try {
            domain = DomainNormalizer.INSTANCE.normalize(url.host(), options).key();
        } catch (InvalidValueException e) {
            return out; // the host is not a DNS name (escaped bytes, a bare suffix): no DOMAIN signal can hold it
        }
        out.add(new Probe(SignalType.DOMAIN, domain, value.equals(domain) ? MatchMethod.EXACT : MatchMethod.NORMALISED));
        for (String parent : DomainNormalizer.parents(domain)) {
            out.add(new Probe(SignalType.DOMAIN, parent, MatchMethod.SUBDOMAIN));
        }
        return out;
    }
}
