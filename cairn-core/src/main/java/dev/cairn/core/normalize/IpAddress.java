package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;

/**
 * An IPv4 or IPv6 address as plain numbers, so the server's range index can compare and mask without objects or
 * DNS. IPv4 lives in the low 32 bits of {@code lo} with {@code hi == 0}; IPv6 uses all 128 bits. IPv4-mapped IPv6
 * addresses ({@code ::ffff:a.b.c.d}) are always folded to IPv4 by {@link #parse}, because the same host must have one
 * key whichever notation a member pasted.
 *
 * @param v6 whether this is an IPv6 address
 * @param hi the upper 64 bits (IPv6 only; 0 for IPv4)
 * @param lo the lower 64 bits (IPv4: the address as an unsigned 32-bit value)
 */
public record IpAddress(boolean v6, long hi, long lo) implements Comparable<IpAddress> {

    public IpAddress {
        if (!v6 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("an IPv4 address has 32 bits");
        }
    }

    public static IpAddress v4(long value) {
        return new IpAddress(false, 0, value & 0xFFFF_FFFFL);
    }

    public static IpAddress v6(long hi, long lo) {
        return new IpAddress(true, hi, lo);
    }

    /** Number of bits: 32 or 128. */
    public int bits() {
        return v6 ? 128 : 32;
    }

    /**
     * Parses a textual address: dotted-quad IPv4 (decimal only, no leading zeros, since {@code 010} means 8 to some
     * parsers and 10 to others) or RFC 4291 IPv6, optionally in brackets. IPv4-mapped IPv6 becomes IPv4.
     *
     * @throws InvalidValueException with a reason when the text is not an address
     */
    public static IpAddress parse(String text) {
        IpAddress a = parseOrNull(text);
        if (a == null) {
            throw new InvalidValueException(text != null && text.indexOf(':') >= 0
                    ? "not a valid IPv6 address" : "not a valid IPv4 address (expected four decimal octets 0-255)");
        }
        return a;
    }

    /** Like {@link #parse} but returns {@code null} instead of throwing. */
    public static IpAddress parseOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String s = text;
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        if (s.indexOf(':') >= 0) {
            return parseV6(s, false);
        }
        long v = parseDottedQuad(s, 0, s.length());
        return v < 0 ? null : v4(v);
    }

    /** Strict dotted quad in s[from, to); -1 when it is not one. */
    static long parseDottedQuad(String s, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int octet = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int len = i - start;
            if (len == 0 || octet > 255 || (len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            parts++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return -1;
            }
            i++;
        }
        return parts == 4 ? value : -1;
    }

    /**
     * Parses IPv6 text. With {@code keepMapped} the IPv4-mapped form stays IPv6 (used for CIDR prefixes, which are
     * counted in IPv6 bits).
     */
    static IpAddress parseV6(String s, boolean keepMapped) {
        int n = s.length();
        if (n < 2 || s.indexOf('%') >= 0) {
            return null; // zone ids identify an interface, not a host
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" was
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return finishV6(groups, count, gap, keepMapped);
            }
        } else if (s.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            int len = i - start;
            if (i < n && s.charAt(i) == '.') {
                // embedded IPv4 tail
                long v4 = parseDottedQuad(s, start, n);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = n;
                break;
            }
            if (len == 0 || len > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null; // trailing single colon
            }
        }
        return finishV6(groups, count, gap, keepMapped);
    }

    private static IpAddress finishV6(int[] groups, int count, int gap, boolean keepMapped) {
        int[] full = new int[8];
        if (gap < 0) {
            if (count != 8) {
                return null;
            }
            System.arraycopy(groups, 0, full, 0, 8);
        } else {
            if (count > 7) {
                return null;
            }
            System.arraycopy(groups, 0, full, 0, gap);
            int tail = count - gap;
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        if (!keepMapped && hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return v4(lo & 0xFFFF_FFFFL);
        }
        return v6(hi, lo);
    }

    /** Whether this IPv6 address is in the IPv4-mapped block ::ffff:0:0/96. */
    boolean isV4Mapped() {
        return v6 && hi == 0 && (lo >>> 32) == 0xFFFFL;
    }

    /** Whether this IPv6 address is in the NAT64 well-known prefix 64:ff9b::/96. */
    boolean isNat64() {
        return v6 && hi == 0x0064_ff9b_0000_0000L && (lo >>> 32) == 0;
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, no leading zeros, longest zero run as "::"). */
    @Override
    public String toString() {
        if (!v6) {
            return dotted(lo);
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((hi >>> (48 - 16 * k)) & 0xFFFF);
            g[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952 4.2.2: a single zero group is not shortened
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && g[k] == 0) {
                k++;
            }
            if (k - start > bestLen) {
                bestLen = k - start;
                bestStart = start;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }

    static String dotted(long v) {
        return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }

    /** IPv4 sorts before IPv6; within a family, numeric (unsigned) order. */
    @Override
    public int compareTo(IpAddress o) {
        if (v6 != o.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }
}
