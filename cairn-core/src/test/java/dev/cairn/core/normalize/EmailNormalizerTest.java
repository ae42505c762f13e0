package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

class EmailNormalizerTest {

    @Test
    void gmailDotsTagsAndAlias() {
        assertThat(key(EMAIL, "j.doe+x@googlemail.com")).isEqualTo("jdoe@gmail.com");
        assertThat(key(EMAIL, " J.D.O.E@GMAIL.COM ")).isEqualTo("jdoe@gmail.com");
        assertThat(key(EMAIL, "mailto:jdoe+a+b@gmail.com")).isEqualTo("jdoe@gmail.com");
    }

    @Test
    void plusTagsAtOtherProvidersButDotsKept() {
        assertThat(key(EMAIL, "j.doe+tag@outlook.com")).isEqualTo("j.doe@outlook.com");
        assertThat(key(EMAIL, "j.doe+tag@hotmail.co.uk")).isEqualTo("j.doe@hotmail.co.uk");
        assertThat(key(EMAIL, "j.doe+tag@me.com")).isEqualTo("j.doe@icloud.com");
        assertThat(key(EMAIL, "j.doe+tag@mac.com")).isEqualTo(key(EMAIL, "j.doe@icloud.com"));
        assertThat(key(EMAIL, "JDoe+x@pm.me")).isEqualTo("jdoe@proton.me");
        assertThat(key(EMAIL, "jdoe+x@protonmail.com")).isEqualTo("jdoe@proton.me");
        assertThat(key(EMAIL, "jdoe+x@fastmail.com")).isEqualTo("jdoe@fastmail.com");
    }

    @Test
    void yahooUsesDashTags() {
        assertThat(key(EMAIL, "jdoe-shopping@yahoo.com")).isEqualTo("jdoe@yahoo.com");
        assertThat(key(EMAIL, "j.doe+x@yahoo.com")).isEqualTo("j.doe+x@yahoo.com");
    }

    @Test
    void unknownDomainsOnlyFoldCase() {
        assertThat(key(EMAIL, "J.Doe+Tag@Example.COM")).isEqualTo("j.doe+tag@example.com");
        assertThat(key(EMAIL, "j.doe@example.com")).isNotEqualTo(key(EMAIL, "jdoe@example.com"));
        assertThat(key(EMAIL, "jdoe-x@example.org")).isEqualTo("jdoe-x@example.org");
    }

    @Test
    void idnDomainAndInvisibleCharacters() {
        assertThat(key(EMAIL, "jdoe@Bücher.example")).isEqualTo("jdoe@xn--bcher-kva.example");
        assertThat(key(EMAIL, "j\u200Bdoe@example.com")).isEqualTo("jdoe@example.com");
    }

    @Test
    void defanged() {
        assertThat(key(EMAIL, "j.doe[at]googlemail[.]com")).isEqualTo("jdoe@gmail.com");
        assertThat(key(EMAIL, "jdoe[@]example[.]com")).isEqualTo("jdoe@example.com");
    }

    @Test
    void negatives() {
        assertThat(key(EMAIL, "jdoe@gmail.com")).isNotEqualTo(key(EMAIL, "jdoe@gmail.co"));
        assertThat(key(EMAIL, "jdoe@outlook.com")).isNotEqualTo(key(EMAIL, "jdoe@hotmail.com"));
        assertThat(key(EMAIL, "john.doe@outlook.com")).isNotEqualTo(key(EMAIL, "johndoe@outlook.com"));
    }

    @Test
    void rejectsMalformed() {
        rejects(EMAIL, "jdoe.example.com").hasMessageContaining("'@'");
        rejects(EMAIL, "a@b@example.com").hasMessageContaining("exactly one");
        rejects(EMAIL, "@example.com").hasMessageContaining("local part");
        rejects(EMAIL, "jdoe@").hasMessageContaining("domain");
        rejects(EMAIL, "jdoe@localhost").hasMessageContaining("two labels");
        rejects(EMAIL, "j doe@example.com").hasMessageContaining("whitespace");
        rejects(EMAIL, ".jdoe@example.com").hasMessageContaining("dot");
        rejects(EMAIL, "j..doe@example.com").hasMessageContaining("dot");
        rejects(EMAIL, "+tag@gmail.com").hasMessageContaining("tag");
        rejects(EMAIL, "jdoe@exa mple.com").hasMessageContaining("domain");
        rejects(EMAIL, "<jdoe@example.com>").hasMessageContaining("quoted");
    }
}
