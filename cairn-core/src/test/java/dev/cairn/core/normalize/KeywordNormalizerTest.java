package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.KEYWORD;
import static org.assertj.core.api.Assertions.assertThat;

class KeywordNormalizerTest {

    @Test
    void foldsAndCollapsesWhitespace() {
        assertThat(key(KEYWORD, "  Secret\t\tGarden \n Club ")).isEqualTo("secret garden club");
        assertThat(key(KEYWORD, "ＳＥＣＲＥＴ\u3000garden")).isEqualTo("secret garden");
        assertThat(key(KEYWORD, "sec\u200Bret")).isEqualTo("secret");
        assertThat(key(KEYWORD, "STRASSE")).isEqualTo(key(KEYWORD, "straße"));
        assertThat(key(KEYWORD, "ﬁle")).isEqualTo("file");
    }

    @Test
    void negatives() {
        assertThat(key(KEYWORD, "secret garden")).isNotEqualTo(key(KEYWORD, "secretgarden"));
        assertThat(key(KEYWORD, "café")).isNotEqualTo(key(KEYWORD, "cafe"));
        rejects(KEYWORD, "\u200B\u200D");
    }
}
