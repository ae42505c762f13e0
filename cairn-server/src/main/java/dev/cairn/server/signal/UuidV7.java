package dev.cairn.server.signal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * RFC 9562 version 7 UUIDs: 48-bit Unix milliseconds, then random bits. Time-ordered, so ids sort roughly by creation
 * and B-tree inserts stay local. Within one millisecond a counter in the random bits keeps ids from one JVM increasing.
 */
public final class UuidV7 {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static long sequence;

    private UuidV7() {
    }

    public static synchronized UUID next() {
        long now = System.currentTimeMillis();
        if (now > lastMillis) {
            lastMillis = now;
            sequence = RANDOM.nextLong() & 0x1FFL; // leave headroom for many ids in one millisecond
        } else {
            sequence++;
            if (sequence > 0xFFF) {
                lastMillis++;
                sequence = 0;
            }
        }
        long msb = (lastMillis << 16) | 0x7000L | (sequence & 0xFFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
