package dev.cairn.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SyncCommandTest {
    @TempDir
    Path dir;
    FakeExchange exchange;
    final List<String> ids = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        exchange = new FakeExchange();
    }

    @AfterEach
    void stop() {
        exchange.close();
    }

    record Result(int exit, String out, String err) {
    }

    private Result sync(String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--server", exchange.url(), "--key", FakeExchange.KEY,
                "--out", dir.resolve("mirror").toString()));
        args.addAll(List.of(extra));
        int exit = new CommandLine(new SyncCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args.toArray(String[]::new));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The mirror as id to value, failing on duplicate ids, unsorted lines or a line whose id is not its key. */
    private Map<String, String> mirror() throws Exception {
        Map<String, String> out = new TreeMap<>();
        Path file = dir.resolve("mirror").resolve("signals.ndjson");
        String previous = "";
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode s = Json.MAPPER.readTree(line);
            String id = s.get("id").asString();
            assertThat(out).as("duplicate " + id).doesNotContainKey(id);
            assertThat(id).as("sorted by id").isGreaterThan(previous);
            previous = id;
            out.put(id, s.get("value").asString());
        }
        return out;
    }

    private long cursorFile() throws Exception {
        return Long.parseLong(Files.readString(dir.resolve("mirror").resolve("cursor")).strip());
    }

    /** A mixed history: creates, updates, retractions (some of signals updated before). */
    private void churn(int n) {
        AtomicInteger i = new AtomicInteger(ids.size());
        for (int k = 0; k < n; k++) {
            ids.add(exchange.create("host-" + i.getAndIncrement() + ".example.org"));
        }
        for (int k = ids.size() - n; k < ids.size(); k += 3) {
            exchange.update(ids.get(k), "updated-" + k + ".example.net");
        }
        for (int k = ids.size() - n; k < ids.size(); k += 5) {
            exchange.retract(ids.get(k));
        }
    }

    @Test
    void freshMirrorThenIncrementalRunsEqualTheActiveSet() throws Exception {
        churn(40);
        Result first = sync();
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(mirror()).isEqualTo(exchange.active());
        assertThat(cursorFile()).isEqualTo(exchange.head());
        assertThat(first.out().strip()).isEqualTo("applied " + exchange.head() + " events; " + exchange.active().size()
                + " signals in mirror; cursor " + exchange.head());

        long before = exchange.head();
        churn(25);
        exchange.retract(ids.get(1));
        Result second = sync();
        assertThat(second.exit()).isZero();
        assertThat(second.out()).startsWith("applied " + (exchange.head() - before) + " events;");
        assertThat(mirror()).isEqualTo(exchange.active());

        Result idle = sync();
        assertThat(idle.out().strip()).isEqualTo("applied 0 events; " + exchange.active().size()
                + " signals in mirror; cursor " + exchange.head());
    }

    @Test
    void aStreamCutOffMidWayKeepsItsProgressAndTheRerunCompletesTheMirror() throws Exception {
        churn(60);
        exchange.cutStreamAfter = 17;
        Result cut = sync("--checkpoint-every", "5");
        assertThat(cut.exit()).isEqualTo(SyncCommand.EXIT_INCOMPLETE);
        assertThat(cut.err()).contains("ended early");
        assertThat(cursorFile()).isEqualTo(17);
        assertThat(mirror()).isNotEqualTo(exchange.active());

        exchange.cutStreamAfter = 30;
        assertThat(sync("--checkpoint-every", "5").exit()).isEqualTo(SyncCommand.EXIT_INCOMPLETE);
        assertThat(cursorFile()).isEqualTo(47);

        exchange.cutStreamAfter = -1;
        Result rest = sync("--checkpoint-every", "5");
        assertThat(rest.exit()).isZero();
        assertThat(mirror()).isEqualTo(exchange.active());
        assertThat(cursorFile()).isEqualTo(exchange.head());
    }

    @Test
    void aCrashBetweenSnapshotAndCursorReappliesEventsIdempotently() throws Exception {
        churn(30);
        assertThat(sync().exit()).isZero();
        String oldCursor = Files.readString(dir.resolve("mirror").resolve("cursor"));
        churn(30);
        for (int k = 0; k < 10; k++) {
            exchange.update(ids.get(k * 2), "again-" + k + ".example.com");
        }
        assertThat(sync().exit()).isZero();
        // The new snapshot is in place but the cursor write was lost: the next run re-reads events already applied.
        Files.writeString(dir.resolve("mirror").resolve("cursor"), oldCursor);
        Result rerun = sync();
        assertThat(rerun.exit()).isZero();
        assertThat(mirror()).isEqualTo(exchange.active());
        assertThat(cursorFile()).isEqualTo(exchange.head());
        assertThat(Files.exists(dir.resolve("mirror").resolve("signals.ndjson.tmp"))).isFalse();
    }

    @Test
    void followKeepsApplyingUntilStopped() throws Exception {
        churn(10);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = Thread.ofPlatform().start(() ->
                exit.set(sync("--follow", "--wait", "1", "--checkpoint-interval", "0").exit()));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!Files.exists(dir.resolve("mirror").resolve("cursor")) || cursorFile() < exchange.head()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
        churn(12);
        while (cursorFile() < exchange.head()) {
            assertThat(System.nanoTime()).as("follower caught up").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(mirror()).isEqualTo(exchange.active());
        follower.interrupt();
        follower.join(10_000);
        assertThat(follower.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(mirror()).isEqualTo(exchange.active());
    }

    @Test
    void aRefusedKeyFailsWithoutTouchingTheMirror() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new SyncCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--server", exchange.url(), "--key",
                "cairn_wrong_key", "--out", dir.resolve("mirror").toString());
        assertThat(exit).isEqualTo(SyncCommand.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("401", "Unknown API key");
        assertThat(dir.resolve("mirror").resolve("cursor")).doesNotExist();
    }
}
