package dev.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines of bytes, skipping blank ones: the feed stream and the mirror's snapshot, read without
 * decoding a million lines into strings. A last line without its newline is incomplete (a stream cut off in transit)
 * and is dropped: every complete line ends with one.
 */
final class ByteLines {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;

    ByteLines(InputStream in) {
        this.in = in;
    }

    byte[] next() throws IOException {
        byte[] carried = null;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    byte[] line = join(carried, i);
                    pos = i + 1;
                    if (line.length > 0 && !(line.length == 1 && line[0] == '\r')) {
                        return line;
                    }
                    carried = null;
                }
            }
            carried = join(carried, limit);
            pos = 0;
            limit = in.read(buf);
            if (limit < 0) {
                limit = 0;
                return null;
            }
        }
    }

    /** The bytes carried over from earlier reads followed by {@code buf[pos, end)}. */
    private byte[] join(byte[] carried, int end) {
        int n = end - pos;
        if (carried == null) {
            return Arrays.copyOfRange(buf, pos, end);
        }
        byte[] out = Arrays.copyOf(carried, carried.length + n);
        System.arraycopy(buf, pos, out, carried.length, n);
        return out;
    }
}
