package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every canonicalisation example published in Google's Safe Browsing v4 "URLs and Hashing" reference. */
class UrlCanonicalizerTest {

    static Stream<Arguments> googleExamples() {
        return Stream.of(
                Arguments.of("http://host/%25%32%35", "http://host/%25"),
                Arguments.of("http://host/%25%32%35%25%32%35", "http://host/%25%25"),
                Arguments.of("http://host/%2525252525252525", "http://host/%25"),
                Arguments.of("http://host/asdf%25%32%35asd", "http://host/asdf%25asd"),
                Arguments.of("http://host/%%%25%32%35asd%%", "http://host/%25%25%25asd%25%25"),
                Arguments.of("http://www.google.com/", "http://www.google.com/"),
                Arguments.of("http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/",
                        "http://168.188.99.26/.secure/www.ebay.com/"),
                Arguments.of("http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
                        "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/"),
                Arguments.of("http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B",
                        "http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+"),
                Arguments.of("http://3279880203/blah", "http://195.127.0.11/blah"),
                Arguments.of("http://www.google.com/blah/..", "http://www.google.com/"),
                Arguments.of("www.google.com/", "http://www.google.com/"),
                Arguments.of("www.google.com", "http://www.google.com/"),
                Arguments.of("http://www.evil.com/blah#frag", "http://www.evil.com/blah"),
                Arguments.of("http://www.GOOgle.com/", "http://www.google.com/"),
                Arguments.of("http://www.google.com.../", "http://www.google.com/"),
                Arguments.of("http://www.google.com/foo\tbar\rbaz\n2", "http://www.google.com/foobarbaz2"),
                Arguments.of("http://www.google.com/q?", "http://www.google.com/q?"),
                Arguments.of("http://www.google.com/q?r?", "http://www.google.com/q?r?"),
                Arguments.of("http://www.google.com/q?r?s", "http://www.google.com/q?r?s"),
                Arguments.of("http://evil.com/foo#bar#baz", "http://evil.com/foo"),
                Arguments.of("http://evil.com/foo;", "http://evil.com/foo;"),
                Arguments.of("http://evil.com/foo?bar;", "http://evil.com/foo?bar;"),
                // "http://\x01\x80.com/" is a byte string; see rawBytesExample below for the literal bytes.
                Arguments.of("http://notrailingslash.com", "http://notrailingslash.com/"),
                Arguments.of("http://www.gotaport.com:1234/", "http://www.gotaport.com/"),
                Arguments.of("  http://www.google.com/  ", "http://www.google.com/"),
                Arguments.of("http:// leadingspace.com/", "http://%20leadingspace.com/"),
                Arguments.of("http://%20leadingspace.com/", "http://%20leadingspace.com/"),
                Arguments.of("%20leadingspace.com/", "http://%20leadingspace.com/"),
                Arguments.of("https://www.securesite.com/", "https://www.securesite.com/"),
                Arguments.of("http://host.com/ab%23cd", "http://host.com/ab%23cd"),
                Arguments.of("http://host.com//twoslashes?more//slashes", "http://host.com/twoslashes?more//slashes"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("googleExamples")
    void canonicalisesLikeSafeBrowsing(String input, String expected) {
        assertThat(UrlCanonicalizer.canonicalize(input).url()).isEqualTo(expected);
    }

    @Test
    void rawBytesExample() {
        // Canonicalize("http://\x01\x80.com/") = "http://%01%80.com/": 0x80 alone is not UTF-8, so it needs the byte API.
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes("http://".getBytes(StandardCharsets.US_ASCII));
        in.write(0x01);
        in.write(0x80);
        in.writeBytes(".com/".getBytes(StandardCharsets.US_ASCII));
        assertThat(UrlCanonicalizer.canonicalize(in.toByteArray()).url()).isEqualTo("http://%01%80.com/");
        // and the same URL given with those bytes percent-escaped reaches the same form through the String API
        assertThat(UrlCanonicalizer.canonicalize("http://%01%80.com/").url()).isEqualTo("http://%01%80.com/");
    }

    @Test
    void lookupExpressionsOfSpecExample1() {
        assertThat(UrlCanonicalizer.canonicalize("http://a.b.c/1/2.html?param=1").lookupExpressions())
                .containsExactly(
                        "a.b.c/1/2.html?param=1", "a.b.c/1/2.html", "a.b.c/", "a.b.c/1/",
                        "b.c/1/2.html?param=1", "b.c/1/2.html", "b.c/", "b.c/1/");
    }

    @Test
    void lookupExpressionsOfSpecExample2() {
        assertThat(UrlCanonicalizer.canonicalize("http://a.b.c.d.e.f.g/1.html").lookupExpressions())
                .containsExactly(
                        "a.b.c.d.e.f.g/1.html", "a.b.c.d.e.f.g/",
                        "c.d.e.f.g/1.html", "c.d.e.f.g/",
                        "d.e.f.g/1.html", "d.e.f.g/",
                        "e.f.g/1.html", "e.f.g/",
                        "f.g/1.html", "f.g/");
    }

    @Test
    void lookupExpressionsOfSpecExample3() {
        assertThat(UrlCanonicalizer.canonicalize("http://1.2.3.4/1/").lookupExpressions())
                .containsExactly("1.2.3.4/1/", "1.2.3.4/");
    }

    @Test
    void atMostThirtyExpressionsAndFourDirectories() {
        var exprs = UrlCanonicalizer.canonicalize("http://a.b.c.d.e.f.g/1/2/3/4/5/6.html?x=y").lookupExpressions();
        assertThat(exprs).hasSize(30).contains("c.d.e.f.g/1/2/3/").doesNotContain("c.d.e.f.g/1/2/3/4/");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("ipForms")
    void ipv4HostEncodings(String input, String expected) {
        assertThat(UrlCanonicalizer.canonicalize(input).url()).isEqualTo(expected);
    }

    static Stream<Arguments> ipForms() {
        return Stream.of(
                Arguments.of("http://0303.0177.0.013/", "http://195.127.0.11/"),
                Arguments.of("http://0xc3.0x7f.0x0.0xb/", "http://195.127.0.11/"),
                Arguments.of("http://0xC37F000B/", "http://195.127.0.11/"),
                Arguments.of("http://195.127.11/", "http://195.127.0.11/"),
                Arguments.of("http://195.8323083/", "http://195.127.0.11/"),
                Arguments.of("http://1234x.example/", "http://1234x.example/"),
                Arguments.of("http://256.256.256.256/", "http://256.256.256.256/"),
                Arguments.of("http://[2001:0DB8:0000::1]/x", "http://[2001:db8::1]/x"),
                Arguments.of("http://[::ffff:192.0.2.1]:8080/", "http://192.0.2.1/"),
                Arguments.of("http://[64:ff9b::192.0.2.1]/", "http://192.0.2.1/"));
    }

    @Test
    void idnHostsBecomePunycodeAndUserinfoIsDropped() {
        assertThat(UrlCanonicalizer.canonicalize("https://user:pw@Bücher.example/Über").url())
                .isEqualTo("https://xn--bcher-kva.example/%C3%9Cber");
        assertThat(UrlCanonicalizer.canonicalize("http://b%C3%BCcher.example/").url())
                .isEqualTo("http://xn--bcher-kva.example/");
    }

    @Test
    void defangedUrls() {
        assertThat(UrlCanonicalizer.canonicalize("hxxp://WWW.Evil.example:8080/gallery/../gallery/x.html#a").url())
                .isEqualTo("http://www.evil.example/gallery/x.html");
        assertThat(UrlCanonicalizer.canonicalize("hXXps[:]//evil[.]example/a").url())
                .isEqualTo("https://evil.example/a");
        assertThat(UrlCanonicalizer.canonicalize("evil(.)example").url()).isEqualTo("http://evil.example/");
    }
}
