package dev.cairn.core.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * USERNAME, in two stages.
 *
 * <ol>
 *   <li><b>form</b> (normalisation): NFKC case fold (which also drops default-ignorable code points such as zero-width
 *   spaces), any remaining format (Cf) characters removed, one leading {@code @} removed, and the separators
 *   {@code . _ -} and whitespace removed. Dropping separators is a deliberate recall choice: {@code Robux.Boy},
 *   {@code robux_boy} and {@code robux-boy} are the classic evasions of one handle, and an analyst sees the
 *   NORMALISED method on such a hit.</li>
 *   <li><b>key</b> (confusables): Latin small-capital letters (ʀ ᴏ ʙ, which UTS #39 leaves alone) mapped to their
 *   letters, then the UTS #39 skeleton (ICU {@link SpoofChecker#getSkeleton}), then case-folded again and separators
 *   removed again. The second fold is needed because skeleton prototypes can be capitals ({@code 0 → O}) while our
 *   input is already folded, so without it {@code r0bux} would not meet {@code robux}; the second separator pass
 *   catches look-alike dashes and dots that the skeleton turns into ASCII ones.</li>
 * </ol>
 *
 * <p>Probe method, from the query alone: EXACT when the value equals its key; NORMALISED when the key equals the form
 * (the confusable stage changed nothing); otherwise CONFUSABLE. Because the skeleton maps some plain letters too
 * ({@code m → rn}), the server should refine the method per hit with {@link SignalNormalizer#matchMethod}, which
 * compares the two forms.
 */
final class UsernameNormalizer implements TypeNormalizer {
    static final UsernameNormalizer INSTANCE = new UsernameNormalizer();

    private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();
    /** Built once; SpoofChecker is immutable and thread-safe after build. */
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().build();
    private static final Map<Integer, String> SMALL_CAPITALS = smallCapitals();

    private UsernameNormalizer() {
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        String form = form(value);
        if (form.isEmpty()) {
            throw new InvalidValueException("username is empty once separators and invisible characters are removed");
        }
        String key = stripSeparators(NFKC_CF.normalize(SPOOF.getSkeleton(mapSmallCapitals(form))));
        return new Normalized(key, form);
    }

    @Override
    public List<Probe> probes(SignalType type, String value, NormalizeOptions options) {
        Normalized n = normalize(value, options);
        MatchMethod m = value.equals(n.key()) ? MatchMethod.EXACT
                : n.key().equals(n.form()) ? MatchMethod.NORMALISED : MatchMethod.CONFUSABLE;
        return List.of(new Probe(SignalType.USERNAME, n.key(), m));
    }

    static String form(String value) {
        String s = NFKC_CF.normalize(value.strip());
        if (!s.isEmpty() && s.charAt(0) == '@') {
            s = s.substring(1);
        }
        return stripSeparators(s);
    }

    /** Removes separators, whitespace and format / default-ignorable characters. */
    private static String stripSeparators(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean drop = cp == '.' || cp == '_' || cp == '-' || UCharacter.isUWhiteSpace(cp)
                    || UCharacter.getType(cp) == UCharacter.FORMAT
                    || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
            if (drop && sb == null) {
                sb = new StringBuilder(s.length());
                sb.append(s, 0, i);
            } else if (!drop && sb != null) {
                sb.appendCodePoint(cp);
            }
            i += n;
        }
        return sb == null ? s : sb.toString();
    }

    private static String mapSmallCapitals(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String rep = cp >= 0x250 ? SMALL_CAPITALS.get(cp) : null;
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length());
                sb.append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.appendCodePoint(cp);
                }
            }
            i += Character.charCount(cp);
        }
        return sb == null ? s : sb.toString();
    }

    /** "LATIN LETTER SMALL CAPITAL X" → "x", taken from the Unicode character names so no table is hand-kept. */
    private static Map<Integer, String> smallCapitals() {
        Map<Integer, String> map = new HashMap<>();
        int[][] blocks = {{0x0250, 0x02AF}, {0x1D00, 0x1DBF}, {0xA720, 0xA7FF}, {0x10780, 0x107BF}, {0x1DF00, 0x1DFFF}};
        String prefix = "LATIN LETTER SMALL CAPITAL ";
        for (int[] b : blocks) {
            for (int cp = b[0]; cp <= b[1]; cp++) {
                String name = UCharacter.getName(cp);
                if (name != null && name.startsWith(prefix) && name.length() == prefix.length() + 1) {
                    map.put(cp, String.valueOf(Character.toLowerCase(name.charAt(prefix.length()))));
                }
            }
        }
        return Map.copyOf(map);
    }
}
