package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;

/**
 * Segwit address decoding: bech32 (BIP-173) for witness version 0 and bech32m (BIP-350) for versions 1 to 16, with
 * the checksum constant tied to the version as BIP-350 requires.
 */
final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int BECH32_CONST = 1;
    private static final int BECH32M_CONST = 0x2bc830a3;

    private Bech32() {
    }

    /**
     * Validates a segwit address for one of {@code hrps} and returns it in lower case.
     *
     * @throws InvalidValueException with the reason it is not one
     */
    static String verifySegwit(String addr, String... hrps) {
        if (addr.length() < 8 || addr.length() > 90) {
            throw new InvalidValueException("not a valid segwit address: length must be 8 to 90 characters");
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < addr.length(); i++) {
            char c = addr.charAt(i);
            if (c < 33 || c > 126) {
                throw new InvalidValueException("not a valid segwit address: character out of range");
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new InvalidValueException("not a valid segwit address: mixed upper and lower case");
        }
        String s = addr.toLowerCase(java.util.Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep < 1 || sep + 7 > s.length()) {
            throw new InvalidValueException("not a valid segwit address: separator misplaced");
        }
        if (sep + 8 > s.length()) {
            throw new InvalidValueException("not a valid segwit address: no witness version or program");
        }
        String hrp = s.substring(0, sep);
        boolean known = false;
        for (String h : hrps) {
            known |= h.equals(hrp);
        }
        if (!known) {
            throw new InvalidValueException("not a valid segwit address: unknown human-readable part");
        }
        int[] data = new int[s.length() - sep - 1];
        for (int i = 0; i < data.length; i++) {
            int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
            if (v < 0) {
                throw new InvalidValueException("not a valid segwit address: character outside the bech32 alphabet");
            }
            data[i] = v;
        }
        int check = polymod(hrp, data);
        int version = data[0];
        if (version > 16) {
            throw new InvalidValueException("not a valid segwit address: witness version above 16");
        }
        int expected = version == 0 ? BECH32_CONST : BECH32M_CONST;
        if (check != expected) {
            if (check == BECH32_CONST || check == BECH32M_CONST) {
                throw new InvalidValueException("not a valid segwit address: witness version " + version
                        + " requires " + (version == 0 ? "bech32" : "bech32m") + " encoding");
            }
            throw new InvalidValueException("not a valid segwit address: checksum mismatch");
        }
        int program = programLength(data, 1, data.length - 6);
        if (program < 2 || program > 40) {
            throw new InvalidValueException("not a valid segwit address: witness program must be 2 to 40 bytes");
        }
        if (version == 0 && program != 20 && program != 32) {
            throw new InvalidValueException("not a valid segwit address: version 0 program must be 20 or 32 bytes");
        }
        return s;
    }

    /** Byte length of the 5-bit groups data[from, to) regrouped to 8 bits; -1 on non-zero or excess padding. */
    private static int programLength(int[] data, int from, int to) {
        int acc = 0;
        int bits = 0;
        int out = 0;
        for (int i = from; i < to; i++) {
            acc = ((acc << 5) | data[i]) & 0xFFF;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out++;
            }
        }
        if (bits >= 5 || (acc & ((1 << bits) - 1)) != 0) {
            throw new InvalidValueException("not a valid segwit address: invalid padding in the witness program");
        }
        return out;
    }

    private static int polymod(String hrp, int[] data) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (int v : data) {
            chk = step(chk, v);
        }
        return chk;
    }

    private static int step(int chk, int v) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GEN[i];
            }
        }
        return chk;
    }
}
