package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;

/**
 * A CIDR block for the server's range index. Immutable and allocation-free to query: {@link #contains} is two masks and
 * two compares, so an index can keep these in a sorted array and test candidates cheaply.
 *
 * <p>Canonical text ({@link #toString()}, also the IP signal's match key): network address, a slash and the prefix
 * length, e.g. {@code 10.0.0.0/8}, {@code 2001:db8::/32}. A full-length prefix (/32, /128) is written as the bare
 * address, so a single-address signal and an exact query address share one key.
 *
 * @param network      the network address (host bits are always zero)
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 */
public record IpRange(IpAddress network, int prefixLength) {

    public IpRange {
        if (prefixLength < 0 || prefixLength > network.bits()) {
            throw new IllegalArgumentException("prefix length out of range");
        }
        if ((network.hi() & ~hiMask(network.v6(), prefixLength)) != 0
                || (network.lo() & ~loMask(network.v6(), prefixLength)) != 0) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /** A range holding only {@code address}. */
    public static IpRange of(IpAddress address) {
        return new IpRange(address, address.bits());
    }

    /**
     * Parses {@code addr} or {@code addr/len}. Host bits set below the prefix are rejected rather than silently zeroed:
     * {@code 192.0.2.77/8} is far more likely a typo for /28 than a request to list sixteen million addresses.
     * An IPv4-mapped IPv6 block of at least /96 becomes the IPv4 block it maps.
     */
    public static IpRange parse(String text) {
        if (text == null) {
            throw new InvalidValueException("must not be blank");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return of(IpAddress.parse(text));
        }
        String addrText = text.substring(0, slash);
        String lenText = text.substring(slash + 1);
        if (lenText.isEmpty() || lenText.length() > 3 || !lenText.chars().allMatch(c -> c >= '0' && c <= '9')
                || (lenText.length() > 1 && lenText.charAt(0) == '0')) {
            throw new InvalidValueException("CIDR prefix length must be a decimal number");
        }
        int len = Integer.parseInt(lenText);
        IpAddress addr;
        if (addrText.indexOf(':') >= 0) {
            String inner = addrText.startsWith("[") && addrText.endsWith("]")
                    ? addrText.substring(1, addrText.length() - 1) : addrText;
            addr = IpAddress.parseV6(inner, true);
            if (addr == null) {
                throw new InvalidValueException("not a valid IPv6 address");
            }
        } else {
            addr = IpAddress.parse(addrText);
        }
        if (len > addr.bits()) {
            throw new InvalidValueException("CIDR prefix length exceeds " + addr.bits() + " bits");
        }
        if (addr.isV4Mapped()) {
            if (len < 96) {
                throw new InvalidValueException("an IPv4-mapped IPv6 range must have a prefix of at least /96");
            }
            addr = IpAddress.v4(addr.lo() & 0xFFFF_FFFFL);
            len -= 96;
        }
        long hm = hiMask(addr.v6(), len);
        long lm = loMask(addr.v6(), len);
        if ((addr.hi() & ~hm) != 0 || (addr.lo() & ~lm) != 0) {
            throw new InvalidValueException("CIDR range has host bits set below the /" + len
                    + " prefix; give the network address");
        }
        return new IpRange(addr, len);
    }

    /** Whether {@code address} lies in this block (never across families). */
    public boolean contains(IpAddress address) {
        return address.v6() == network.v6()
                && (address.hi() & hiMask(network.v6(), prefixLength)) == network.hi()
                && (address.lo() & loMask(network.v6(), prefixLength)) == network.lo();
    }

    /** Whether {@code other} lies entirely inside this block. */
    public boolean contains(IpRange other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    public boolean isSingleAddress() {
        return prefixLength == network.bits();
    }

    /** Lowest address (the network address). */
    public IpAddress first() {
        return network;
    }

    /** Highest address in the block. */
    public IpAddress last() {
        long hi = network.hi() | ~hiMask(network.v6(), prefixLength);
        long lo = network.lo() | ~loMask(network.v6(), prefixLength);
        return network.v6() ? IpAddress.v6(hi, lo) : IpAddress.v4(lo & 0xFFFF_FFFFL);
    }

    @Override
    public String toString() {
        return isSingleAddress() ? network.toString() : network + "/" + prefixLength;
    }

    private static long hiMask(boolean v6, int len) {
        if (!v6) {
            return 0; // IPv4 uses only lo
        }
        if (len >= 64) {
            return -1L;
        }
        return len == 0 ? 0 : -1L << (64 - len);
    }

    private static long loMask(boolean v6, int len) {
        if (!v6) {
            return len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
        }
        if (len <= 64) {
            return 0;
        }
        return len == 128 ? -1L : -1L << (128 - len);
    }
}
