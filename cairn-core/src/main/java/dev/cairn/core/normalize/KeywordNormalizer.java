package dev.cairn.core.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import dev.cairn.core.signal.InvalidValueException;

/** KEYWORD: NFKC case fold (also drops default-ignorables), any whitespace run becomes one space, ends trimmed. */
final class KeywordNormalizer implements TypeNormalizer {
    static final KeywordNormalizer INSTANCE = new KeywordNormalizer();
    private static final Normalizer2 NFKC_CF = Normalizer2.getNFKCCasefoldInstance();

    private KeywordNormalizer() {
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        String s = NFKC_CF.normalize(value);
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (UCharacter.isUWhiteSpace(cp)) {
                space = sb.length() > 0;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.appendCodePoint(cp);
        }
        if (sb.isEmpty()) {
            throw new InvalidValueException("keyword is empty once invisible characters are removed");
        }
        return Normalized.of(sb.toString());
    }
}
