package dev.cairn.core.normalize;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;
import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;

import java.util.ArrayList;
import java.util.List;

/**
 * DOMAIN: UTS #46 IDNA to ASCII (punycode, lower case), one trailing dot dropped, DNS structure checked, and a bare
 * public suffix rejected. "Public suffix" is Guava's {@link InternetDomainName#publicSuffix()}, which includes the
 * private section of the list (blogspot.com, github.io): a DOMAIN signal matches every subdomain, so listing a shared
 * hosting suffix would flag every tenant. A name under a suffix the list does not know ({@code .test}, internal TLDs)
 * is treated as if its last label were the suffix.
 *
 * <p>Query probes: the domain itself, then each parent down to, but excluding, the public suffix (SUBDOMAIN).
 */
final class DomainNormalizer implements TypeNormalizer {
    static final DomainNormalizer INSTANCE = new DomainNormalizer();

    /** Non-transitional UTS #46 (ß and ς kept, as browsers do); BiDi and ContextJ rules checked. STD3 is left off
     * because underscores occur in real host names; {@link #checkStructure} applies the character rules itself. */
    private static final IDNA IDNA_UTS46 =
            IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

    private DomainNormalizer() {
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        String s = value.strip().replace("[.]", ".").replace("(.)", ".");
        if (s.startsWith("*.")) {
            s = s.substring(2); // "*.evil.example" means the same as a DOMAIN signal "evil.example"
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == ':' || c == '@' || c == '?' || c == '#' || Character.isWhitespace(c)) {
                throw new InvalidValueException(
                        "a domain must be a bare host name, without scheme, user, port or path (use type URL for URLs)");
            }
        }
        String ascii = toAsciiHost(s);
        if (isAllDigits(ascii.substring(ascii.lastIndexOf('.') + 1))) {
            throw new InvalidValueException("an IP address is not a domain (use type IP)");
        }
        if (isBarePublicSuffix(ascii)) {
            throw new InvalidValueException("a bare public suffix (such as a top-level domain) cannot be a signal");
        }
        return Normalized.of(ascii);
    }

    @Override
    public List<Probe> probes(SignalType type, String value, NormalizeOptions options) {
        Normalized n = normalize(value, options);
        List<Probe> out = new ArrayList<>(4);
        out.add(new Probe(SignalType.DOMAIN, n.key(), value.equals(n.key()) ? MatchMethod.EXACT : MatchMethod.NORMALISED));
        for (String parent : parents(n.key())) {
            out.add(new Probe(SignalType.DOMAIN, parent, MatchMethod.SUBDOMAIN));
        }
        return out;
    }

    /**
     * IDNA to ASCII, lower case, trailing dot dropped, structure checked (at least two labels, each 1-63 of
     * {@code a-z 0-9 - _}, no leading or trailing hyphen, 253 characters at most). Shared with EMAIL and URL.
     */
    static String toAsciiHost(String host) {
        String s = host;
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new InvalidValueException("domain is empty");
        }
        String ascii;
        if (isPlainAscii(s)) {
            ascii = asciiLower(s); // the common case skips ICU
        } else {
            StringBuilder sb = new StringBuilder(s.length() + 16);
            IDNA.Info info = new IDNA.Info();
            IDNA_UTS46.nameToASCII(s, sb, info);
            if (hasRealErrors(info)) {
                throw new InvalidValueException("not a valid internationalised domain name (IDNA conversion failed)");
            }
            ascii = sb.toString();
            if (ascii.endsWith(".")) {
                ascii = ascii.substring(0, ascii.length() - 1); // a mapped full-width trailing dot
            }
        }
        checkStructure(ascii);
        return ascii;
    }

    /** Hyphens in positions 3-4 ("ab--cd") are allowed in live DNS names, so that IDNA complaint is not fatal. */
    private static boolean hasRealErrors(IDNA.Info info) {
        if (!info.hasErrors()) {
            return false;
        }
        for (IDNA.Error e : info.getErrors()) {
            if (e != IDNA.Error.HYPHEN_3_4) {
                return true;
            }
        }
        return false;
    }

    private static void checkStructure(String d) {
        if (d.length() > 253) {
            throw new InvalidValueException("domain is longer than 253 characters");
        }
        int labels = 0;
        int start = 0;
        for (int i = 0; i <= d.length(); i++) {
            if (i < d.length() && d.charAt(i) != '.') {
                char c = d.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    throw new InvalidValueException("domain contains a character not allowed in a host name");
                }
                continue;
            }
            int len = i - start;
            if (len == 0) {
                throw new InvalidValueException("domain has an empty label");
            }
            if (len > 63) {
                throw new InvalidValueException("domain has a label longer than 63 characters");
            }
            if (d.charAt(start) == '-' || d.charAt(i - 1) == '-') {
                throw new InvalidValueException("domain label starts or ends with a hyphen");
            }
            labels++;
            start = i + 1;
        }
        if (labels < 2) {
            throw new InvalidValueException("domain must have at least two labels");
        }
    }

    /** Whether a structurally valid ASCII domain is itself a public suffix (com, co.uk, github.io). */
    static boolean isBarePublicSuffix(String asciiDomain) {
        InternetDomainName idn = idnOrNull(asciiDomain);
        return idn != null && idn.isPublicSuffix();
    }

    /**
     * Parent domains of a normalised domain, nearest first, down to but excluding its public suffix (or, under an
     * unknown suffix, its last label). {@code a.b.example.co.uk} gives {@code b.example.co.uk, example.co.uk}.
     */
    static List<String> parents(String asciiDomain) {
        InternetDomainName idn = idnOrNull(asciiDomain);
        int suffixLabels;
        if (idn != null && idn.hasPublicSuffix()) {
            suffixLabels = idn.publicSuffix().parts().size();
        } else {
            suffixLabels = 1;
        }
        List<String> out = new ArrayList<>(4);
        int labels = 1;
        for (int i = 0; i < asciiDomain.length(); i++) {
            if (asciiDomain.charAt(i) == '.') {
                labels++;
            }
        }
        int idx = 0;
        // Each parent drops one more leading label; stop while strictly more labels remain than the suffix has.
        for (int remaining = labels - 1; remaining > suffixLabels; remaining--) {
            idx = asciiDomain.indexOf('.', idx) + 1;
            out.add(asciiDomain.substring(idx));
        }
        return out;
    }

    private static InternetDomainName idnOrNull(String d) {
        try {
            return InternetDomainName.from(d);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0x3002) {
                return false;
            }
        }
        return true;
    }

    static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int j = i; j < a.length; j++) {
                    if (a[j] >= 'A' && a[j] <= 'Z') {
                        a[j] = (char) (a[j] + 32);
                    }
                }
                return new String(a);
            }
        }
        return s;
    }

    static boolean isAllDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
