package dev.cairn.core.normalize;

import com.ibm.icu.text.IDNA;
import dev.cairn.core.signal.InvalidValueException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google Safe Browsing (v4 "URLs and Hashing") URL canonicalisation, plus two additions for threat-intel input:
 * "defanged" notation ({@code hxxp://}, {@code hxxps://}, {@code [.]}, {@code (.)}, {@code [:]}) is re-fanged first,
 * and bracketed IPv6 hosts are compressed per RFC 5952 with IPv4-mapped and NAT64 (64:ff9b::/96) addresses turned into
 * IPv4, as the newer Safe Browsing text specifies.
 *
 * <p>The spec is defined on bytes (its example {@code http://\x01\x80.com/} has a lone 0x80 byte), so the work is done on
 * a "byte string": a Java string whose chars are the URL's bytes (ISO-8859-1 view of the UTF-8 input). That keeps
 * percent-decoding exact for any byte and lets the final escape emit one %XX per byte.
 */
public final class UrlCanonicalizer {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*)://");
    private static final IDNA IDNA_UTS46 =
            IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlCanonicalizer() {
    }

    /** Canonicalises a URL given as text (encoded as UTF-8 first). */
    public static CanonicalUrl canonicalize(String url) {
        return canonicalize(url.getBytes(StandardCharsets.UTF_8));
    }

    /** Canonicalises a URL given as raw bytes. */
    public static CanonicalUrl canonicalize(byte[] url) {
        String s = new String(url, StandardCharsets.ISO_8859_1);

        // Tab, CR and LF are removed anywhere (not their %-escapes); then surrounding whitespace.
        if (s.indexOf('\t') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            s = removeTabCrLf(s);
        }
        s = stripAsciiSpace(s);
        s = refang(s);

        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }

        String scheme = "http";
        Matcher m = SCHEME.matcher(s);
        int authStart;
        if (m.find()) {
            scheme = asciiLower(m.group(1));
            scheme = switch (scheme) {
                case "hxxp" -> "http";
                case "hxxps" -> "https";
                case "fxp" -> "ftp";
                default -> scheme;
            };
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("ftp")) {
                throw new InvalidValueException("unsupported URL scheme (expected http, https or ftp)");
            }
            authStart = m.end();
        } else if (s.startsWith("//")) {
            authStart = 2; // scheme-relative
        } else {
            authStart = 0; // spec: a URL without scheme is read as http
        }

        int authEnd = s.length();
        for (int i = authStart; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?') {
                authEnd = i;
                break;
            }
        }
        String authority = s.substring(authStart, authEnd);
        String rest = s.substring(authEnd);
        String rawPath;
        String rawQuery = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            rawPath = rest.substring(0, q);
            rawQuery = rest.substring(q + 1);
        } else {
            rawPath = rest;
        }
        if (rawPath.isEmpty()) {
            rawPath = "/";
        }

        boolean[] ip = new boolean[1];
        String host = canonicalHost(hostOf(authority), ip);
        String path = escape(resolvePath(unescapeFully(rawPath)));
        String query = rawQuery == null ? null : escape(unescapeFully(rawQuery));
        return new CanonicalUrl(scheme, host, path, query, ip[0]);
    }

    /** Drops user-info and port from the authority. */
    private static String hostOf(String authority) {
        int at = authority.lastIndexOf('@');
        String hp = at >= 0 ? authority.substring(at + 1) : authority;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            if (close < 0) {
                throw new InvalidValueException("URL host has an unclosed IPv6 bracket");
            }
            checkPort(hp.substring(close + 1));
            return hp.substring(0, close + 1);
        }
        int colon = hp.indexOf(':');
        if (colon >= 0 && hp.indexOf(':', colon + 1) >= 0 && IpAddress.parseV6(hp, false) != null) {
            return "[" + hp + "]"; // an unbracketed IPv6 literal
        }
        int last = hp.lastIndexOf(':');
        if (last >= 0) {
            checkPort(hp.substring(last));
            return hp.substring(0, last);
        }
        return hp;
    }

    private static void checkPort(String colonPort) {
        if (colonPort.isEmpty()) {
            return;
        }
        if (colonPort.charAt(0) != ':') {
            throw new InvalidValueException("URL has unexpected text after an IPv6 host");
        }
        for (int i = 1; i < colonPort.length(); i++) {
            char c = colonPort.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidValueException("URL port is not a number");
            }
        }
    }

    private static String canonicalHost(String rawHost, boolean[] isIp) {
        String h = unescapeFully(rawHost);
        if (h.length() > 2 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
            IpAddress a = IpAddress.parseV6(h.substring(1, h.length() - 1), true);
            if (a == null) {
                throw new InvalidValueException("URL host is not a valid IPv6 literal");
            }
            isIp[0] = true;
            if (a.isV4Mapped() || a.isNat64()) {
                return IpAddress.dotted(a.lo() & 0xFFFF_FFFFL);
            }
            return "[" + a + "]";
        }
        h = squeezeDots(h);
        h = asciiLower(h);
        if (hasHighBytes(h)) {
            h = idnaOrKeep(h);
        }
        long v4 = parseInetAton(h);
        if (v4 >= 0) {
            isIp[0] = true;
            return IpAddress.dotted(v4);
        }
        if (h.isEmpty()) {
            throw new InvalidValueException("URL has no host");
        }
        return escape(h);
    }

    /** Leading and trailing dots removed, runs of dots collapsed. */
    private static String squeezeDots(String h) {
        int start = 0;
        int end = h.length();
        while (start < end && h.charAt(start) == '.') {
            start++;
        }
        while (end > start && h.charAt(end - 1) == '.') {
            end--;
        }
        if (start == 0 && end == h.length() && !h.contains("..")) {
            return h;
        }
        StringBuilder sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = h.charAt(i);
            if (c == '.' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '.') {
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A host of valid UTF-8 goes through IDNA to punycode; bytes that are not UTF-8 (or fail IDNA) stay as they are. */
    private static String idnaOrKeep(String byteHost) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(byteHost.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return byteHost;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        IDNA.Info info = new IDNA.Info();
        IDNA_UTS46.nameToASCII(text, sb, info);
        if (info.hasErrors()) {
            return byteHost;
        }
        return squeezeDots(sb.toString());
    }

    /**
     * inet_aton(3) reading, as the spec asks for "any legal IP-address encoding": one to four parts, each decimal,
     * octal (leading 0) or hex (0x); the last part fills the remaining bytes. Returns -1 when the host is a name.
     */
    static long parseInetAton(String h) {
        if (h.isEmpty()) {
            return -1;
        }
        long[] parts = new long[4];
        int n = 0;
        int i = 0;
        int len = h.length();
        while (true) {
            if (n == 4) {
                return -1;
            }
            int start = i;
            while (i < len && h.charAt(i) != '.') {
                i++;
            }
            long v = parseAtonPart(h, start, i);
            if (v < 0) {
                return -1;
            }
            parts[n++] = v;
            if (i == len) {
                break;
            }
            i++; // skip dot
        }
        long value = 0;
        for (int k = 0; k < n - 1; k++) {
            if (parts[k] > 255) {
                return -1;
            }
            value = (value << 8) | parts[k];
        }
        int lastBytes = 5 - n;
        long last = parts[n - 1];
        if (last >= (1L << (8 * lastBytes))) {
            return -1;
        }
        return (value << (8 * lastBytes)) | last;
    }

    private static long parseAtonPart(String h, int from, int to) {
        if (from >= to) {
            return -1;
        }
        int radix = 10;
        int i = from;
        if (to - from >= 2 && h.charAt(i) == '0' && (h.charAt(i + 1) == 'x' || h.charAt(i + 1) == 'X')) {
            radix = 16;
            i += 2;
            if (i == to) {
                return -1;
            }
        } else if (to - from >= 2 && h.charAt(i) == '0') {
            radix = 8;
            i++;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = Character.digit(h.charAt(i), radix);
            if (d < 0 || h.charAt(i) > 'f') {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xFFFF_FFFFL) {
                return -1;
            }
        }
        return v;
    }

    /** Removes "/./" and "/../" (with the preceding segment) and collapses runs of slashes. */
    static String resolvePath(String p) {
        if (p.indexOf("//") < 0 && p.indexOf("/.") < 0) {
            return p; // nothing to resolve: the common case
        }
        String[] segs = p.split("/", -1);
        String[] out = new String[segs.length];
        int n = 0;
        boolean trailing = false;
        for (int i = 1; i < segs.length; i++) { // segs[0] is the empty string before the leading '/'
            String seg = segs[i];
            boolean last = i == segs.length - 1;
            switch (seg) {
                case "" -> {
                    if (last) {
                        trailing = true;
                    }
                }
                case "." -> trailing = last || trailing;
                case ".." -> {
                    if (n > 0) {
                        n--;
                    }
                    if (last) {
                        trailing = true;
                    }
                }
                default -> {
                    out[n++] = seg;
                    trailing = false;
                }
            }
        }
        StringBuilder sb = new StringBuilder(p.length());
        for (int i = 0; i < n; i++) {
            sb.append('/').append(out[i]);
        }
        if (n == 0 || trailing) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** Percent-decodes until nothing changes. Each changing pass shortens the string, so this terminates. */
    static String unescapeFully(String s) {
        String cur = s;
        while (true) {
            String next = unescapeOnce(cur);
            if (next == cur) {
                return cur;
            }
            cur = next;
        }
    }

    /** One pass of %XX decoding; returns the same instance when there was nothing to decode. */
    private static String unescapeOnce(String s) {
        int pct = s.indexOf('%');
        if (pct < 0) {
            return s;
        }
        StringBuilder sb = null;
        int copied = 0;
        for (int i = pct; i + 2 < s.length(); i++) {
            if (s.charAt(i) != '%') {
                continue;
            }
            int a = hexVal(s.charAt(i + 1));
            int b = hexVal(s.charAt(i + 2));
            if (a < 0 || b < 0) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(s.length());
            }
            sb.append(s, copied, i).append((char) (a * 16 + b));
            copied = i + 3;
            i += 2;
        }
        if (sb == null) {
            return s;
        }
        sb.append(s, copied, s.length());
        return sb.toString();
    }

    private static int hexVal(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Escapes bytes <= 0x20, >= 0x7f, '#' and '%' as upper-case %XX. */
    static String escape(String s) {
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        sb.append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (needsEscape(c)) {
                sb.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c) {
        return c <= 0x20 || c >= 0x7f || c == '#' || c == '%';
    }

    private static String removeTabCrLf(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String stripAsciiSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        return s.substring(start, end);
    }

    /** Undoes the usual threat-intel defanging so a defanged and a live URL get one key. */
    private static String refang(String s) {
        if (s.indexOf('[') < 0 && s.indexOf('(') < 0 && s.indexOf('{') < 0) {
            return s;
        }
        return s.replace("[.]", ".").replace("(.)", ".").replace("{.}", ".")
                .replace("[:]//", "://").replace("[://]", "://");
    }

    private static boolean hasHighBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    private static String asciiLower(String s) {
        return DomainNormalizer.asciiLower(s);
    }
}
