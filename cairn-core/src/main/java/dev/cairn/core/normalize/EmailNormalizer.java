package dev.cairn.core.normalize;

import com.ibm.icu.text.Normalizer2;
import dev.cairn.core.signal.InvalidValueException;

/**
 * EMAIL: {@code local@domain}, trimmed, an optional {@code mailto:} dropped, the local part NFKC-case-folded (which also
 * removes invisible default-ignorable characters), the domain IDNA-to-ASCII. Then the provider rules of
 * {@code email-providers.tsv}: dots dropped and sub-address tags cut where the provider ignores them, and alias
 * domains mapped to one (googlemail.com to gmail.com). Mailbox names are case-insensitive at every large provider;
 * folding case everywhere trades a theoretical false match for catching {@code J.Doe@...} variants.
 */
final class EmailNormalizer implements TypeNormalizer {
    static final EmailNormalizer INSTANCE = new EmailNormalizer();
    private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();
    private static final String FORBIDDEN_IN_LOCAL = "\"(),:;<>[\\]@";

    private EmailNormalizer() {
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        String s = value.strip();
        if (s.regionMatches(true, 0, "mailto:", 0, 7)) {
            s = s.substring(7);
        }
        if (s.indexOf('[') >= 0 || s.indexOf('(') >= 0) {
            s = refang(s);
        }
        int at = s.indexOf('@');
        if (at < 0) {
            throw new InvalidValueException("an e-mail address needs an '@'");
        }
        if (s.indexOf('@', at + 1) >= 0) {
            throw new InvalidValueException("an e-mail address must contain exactly one '@'");
        }
        String local = NFKC_CF.normalize(s.substring(0, at));
        String rawDomain = s.substring(at + 1);
        if (local.isEmpty()) {
            throw new InvalidValueException("the local part (before '@') is empty");
        }
        if (rawDomain.isEmpty()) {
            throw new InvalidValueException("the domain (after '@') is empty");
        }
        checkLocal(local);
        String domain;
        try {
            domain = DomainNormalizer.toAsciiHost(rawDomain);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("e-mail domain: " + e.getMessage());
        }

        EmailProviders.Rule rule = EmailProviders.forDomain(domain);
        if (rule != null) {
            if (!rule.tagSeparators().isEmpty()) {
                int cut = indexOfAny(local, rule.tagSeparators());
                if (cut == 0) {
                    throw new InvalidValueException("the local part is empty once the sub-address tag is removed");
                }
                if (cut > 0) {
                    local = local.substring(0, cut);
                }
            }
            if (rule.dropDots() && local.indexOf('.') >= 0) {
                local = local.replace(".", "");
                if (local.isEmpty()) {
                    throw new InvalidValueException("the local part is empty once dots are removed");
                }
            }
            domain = rule.canonicalDomain();
        }
        return Normalized.of(local + "@" + domain);
    }

    /** Threat-intel defanging: {@code jdoe[at]example[.]com}. Only bracketed forms, never a bare "at". */
    private static String refang(String s) {
        return s.replace("[.]", ".").replace("(.)", ".").replace("[dot]", ".")
                .replace("[@]", "@").replace("[at]", "@").replace("(at)", "@").replace("[AT]", "@");
    }

    private static void checkLocal(String local) {
        if (local.length() > 64) {
            throw new InvalidValueException("the local part is longer than 64 characters");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidValueException("the local part contains whitespace or a control character");
            }
            if (FORBIDDEN_IN_LOCAL.indexOf(c) >= 0) {
                throw new InvalidValueException("the local part contains a character only allowed in quoted form");
            }
        }
        if (local.charAt(0) == '.' || local.charAt(local.length() - 1) == '.' || local.contains("..")) {
            throw new InvalidValueException("the local part has a leading, trailing or doubled dot");
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
