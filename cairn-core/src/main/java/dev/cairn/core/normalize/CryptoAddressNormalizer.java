package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * CRYPTO_ADDRESS: Bitcoin (mainnet and testnet) and Ethereum, with every checksum verified so a typo cannot become a
 * signal that matches nothing (or the wrong wallet).
 *
 * <ul>
 *   <li>Ethereum {@code 0x} + 40 hex: a mixed-case address must satisfy EIP-55; all-lower or all-upper carry no
 *   checksum and are accepted. Key: lower case with {@code 0x}.</li>
 *   <li>Bitcoin segwit ({@code bc1}/{@code tb1}): bech32/bech32m per BIP-173/350. Key: lower case.</li>
 *   <li>Bitcoin base58check P2PKH/P2SH: 25 bytes, version 0x00, 0x05 (mainnet) or 0x6f, 0xc4 (testnet), checksum
 *   verified. Key: as written (base58 is case-sensitive).</li>
 * </ul>
 * A {@code bitcoin:} or {@code ethereum:} URI prefix and any {@code ?query} are dropped.
 */
final class CryptoAddressNormalizer implements TypeNormalizer {
    static final CryptoAddressNormalizer INSTANCE = new CryptoAddressNormalizer();

    private CryptoAddressNormalizer() {
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        String s = value.strip();
        int colon = s.indexOf(':');
        if (colon > 0) {
            String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
            if (scheme.equals("bitcoin") || scheme.equals("ethereum")) {
                s = s.substring(colon + 1);
                int q = s.indexOf('?');
                s = q >= 0 ? s.substring(0, q) : s;
                int at = s.indexOf('@'); // ERC-681 chain id
                s = scheme.equals("ethereum") && at >= 0 ? s.substring(0, at) : s;
            }
        }
        if (s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            return Normalized.of(ethereum(s));
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("bc1") || lower.startsWith("tb1")) {
            return Normalized.of(Bech32.verifySegwit(s, "bc", "tb"));
        }
        if (s.length() < 25 || s.length() > 35) {
            throw new InvalidValueException("not a recognised cryptocurrency address (Bitcoin or Ethereum)");
        }
        byte[] payload = Base58Check.verify(s);
        if (payload.length != 21) {
            throw new InvalidValueException("not a valid Bitcoin address: wrong payload length");
        }
        int version = payload[0] & 0xFF;
        if (version != 0x00 && version != 0x05 && version != 0x6f && version != 0xc4) {
            throw new InvalidValueException("not a valid Bitcoin address: unknown version byte");
        }
        return Normalized.of(s);
    }

    private static String ethereum(String s) {
        if (s.length() != 42 || !HashNormalizer.isHex(s.substring(2))) {
            throw new InvalidValueException("not a valid Ethereum address: expected 0x and 40 hex characters");
        }
        String hex = s.substring(2);
        String lower = hex.toLowerCase(Locale.ROOT);
        String upper = hex.toUpperCase(Locale.ROOT);
        if (!hex.equals(lower) && !hex.equals(upper) && !hex.equals(eip55(lower))) {
            throw new InvalidValueException("not a valid Ethereum address: EIP-55 mixed-case checksum mismatch");
        }
        return "0x" + lower;
    }

    /** EIP-55: hex letter i is upper case when nibble i of keccak256(lower-case hex as ASCII) is 8 or more. */
    static String eip55(String lowerHex) {
        byte[] h = Keccak256.digest(lowerHex.getBytes(StandardCharsets.US_ASCII));
        char[] out = lowerHex.toCharArray();
        for (int i = 0; i < out.length; i++) {
            int nibble = (h[i >>> 1] >>> ((i & 1) == 0 ? 4 : 0)) & 0xF;
            if (out[i] >= 'a' && nibble >= 8) {
                out[i] = (char) (out[i] - 32);
            }
        }
        return new String(out);
    }
}
