package dev.cairn.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedChangeTest {
    private static final String SIGNAL = "{\"id\":\"0191a2b3-0000-7000-8000-000000000001\",\"type\":\"EMAIL\","
            + "\"value\":\"caf\u00e9.person@example.com\",\"categories\":[\"GROOMING\",\"SEXTORTION\"],"
            + "\"description\":\"seen twice \u2615 {not json}\",\"owner\":{\"id\":\"x\",\"slug\":\"northwind\"},"
            + "\"tags\":[],\"version\":3}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUpsertKeepsTheSignalObjectExactlyAsSentMultiByteCharactersIncluded() {
        String line = "{\"seq\":41,\"event\":\"updated\",\"signal_id\":\"0191a2b3-0000-7000-8000-000000000001\","
                + "\"type\":\"EMAIL\",\"at\":\"2026-11-25T05:35:30Z\",\"should_delete\":false,\"signal\":" + SIGNAL + "}";
        FeedChange.Line parsed = FeedChange.parse(utf8(line));
        assertThat(parsed.nextCursor()).isNull();
        FeedChange c = parsed.change();
        assertThat(c.seq()).isEqualTo(41);
        assertThat(c.signalId()).isEqualTo("0191a2b3-0000-7000-8000-000000000001");
        assertThat(c.delete()).isFalse();
        assertThat(new String(c.signal(), StandardCharsets.UTF_8)).isEqualTo(SIGNAL);
    }

    @Test
    void aTombstoneOrAnEventWithoutASignalDeletes() {
        var tombstone = FeedChange.parse(utf8("{\"seq\":42,\"event\":\"retracted\",\"signal_id\":\"s-1\",\"type\":\"EMAIL\","
                + "\"should_delete\":true,\"match_key_sha256\":\"ab\"}")).change();
        assertThat(tombstone.delete()).isTrue();
        assertThat(tombstone.seq()).isEqualTo(42);
        // should_delete wins even if a signal object came along
        var flagged = FeedChange.parse(utf8("{\"seq\":43,\"signal_id\":\"s-2\",\"should_delete\":true,\"signal\":"
                + SIGNAL + "}")).change();
        assertThat(flagged.delete()).isTrue();
        var nullSignal = FeedChange.parse(utf8("{\"seq\":44,\"signal_id\":\"s-3\",\"signal\":null}")).change();
        assertThat(nullSignal.delete()).isTrue();
    }

    @Test
    void theFinalLineCarriesTheCursorAndGarbageIsRefused() {
        var end = FeedChange.parse(utf8("{\"next_cursor\":\"1000000\"}"));
        assertThat(end.change()).isNull();
        assertThat(end.nextCursor()).isEqualTo("1000000");
        assertThatThrownBy(() -> FeedChange.parse(utf8("{\"seq\":1,\"signal_id\":\"s\",\"signal\":{\"id\":"))).isNotNull();
        assertThatThrownBy(() -> FeedChange.parse(utf8("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Hands out at most {@code chunk} bytes per read, as a slow network does. */
    private static InputStream trickle(String s, int chunk) {
        return new ByteArrayInputStream(utf8(s)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> lines(InputStream in) throws IOException {
        ByteLines lines = new ByteLines(in);
        List<String> out = new ArrayList<>();
        byte[] line;
        while ((line = lines.next()) != null) {
            out.add(new String(line, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void linesSurviveAnyReadSizeSkipBlanksAndDropACutOffLastLine() throws IOException {
        String long1 = "{\"a\":\"" + "x".repeat(200_000) + "\"}";
        String text = "{\"seq\":1}\n\n" + long1 + "\r\n{\"caf\u00e9\":\"\u2615\"}\n{\"seq\":4,\"cut";
        for (int chunk : new int[]{1, 3, 7, 1 << 16, Integer.MAX_VALUE}) {
            assertThat(lines(trickle(text, chunk))).as("chunk " + chunk)
                    .containsExactly("{\"seq\":1}", long1 + "\r", "{\"caf\u00e9\":\"\u2615\"}");
        }
        assertThat(lines(trickle("{\"next_cursor\":\"9\"}\n", 5))).containsExactly("{\"next_cursor\":\"9\"}");
        assertThat(lines(trickle("", 5))).isEmpty();
    }
}
