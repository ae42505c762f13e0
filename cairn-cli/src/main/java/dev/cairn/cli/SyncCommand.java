package dev.cairn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code sync --server URL --key KEY --out DIR [--follow]}: keeps a local mirror of every active signal the key can
 * see (see {@link MirrorStore} for the files). Reads the NDJSON feed from the saved cursor, applies upserts and
 * tombstones, checkpoints; with {@code --follow} it then long-polls and keeps applying. Safe to kill at any moment
 * and to rerun: it resumes from the last checkpoint. Exit codes: 0 done, 1 interrupted by a lost connection (progress
 * saved; rerun to resume), 2 refused by the server or unusable directory.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Mirror the exchange's signals into DIR (signals.ndjson + cursor), resuming where the last run stopped.")
public class SyncCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INCOMPLETE = 1;
    public static final int EXIT_FAILED = 2;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "Base URL of the Cairn server.")
    String server;

    @Option(names = "--key", required = true, paramLabel = "KEY", defaultValue = "${env:CAIRN_KEY}",
            description = "API key with read scope (default: $CAIRN_KEY).")
    String key;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Mirror directory (created if missing).")
    Path out;

    @Option(names = "--follow", description = "After catching up, keep long-polling for changes until killed.")
    boolean follow;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "Long-poll wait in --follow mode, 1-60 (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--checkpoint-every", defaultValue = "500000", paramLabel = "N",
            description = "Checkpoint after this many changed signals, bounding memory (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--checkpoint-interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "In --follow mode, checkpoint pending changes at least this often (default: ${DEFAULT-VALUE}).")
    int checkpointSeconds;

    private final PrintStream stdout;
    private final PrintStream stderr;

    public SyncCommand() {
        this(System.out, System.err);
    }

    /** For tests and embedding: where the summary and errors go. */
    public SyncCommand(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs the command on its own, for scripting and benchmarks; {@code cairn sync} is the usual way in. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SyncCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (key == null || key.isBlank()) {
            stderr.println("error: no API key (use --key or set CAIRN_KEY)");
            return EXIT_FAILED;
        }
        if (waitSeconds < 1 || waitSeconds > 60) {
            stderr.println("error: --wait must be between 1 and 60");
            return EXIT_FAILED;
        }
        Files.createDirectories(out);
        try (FileChannel lockFile = FileChannel.open(out.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                stderr.println("error: another sync is already writing " + out);
                return EXIT_FAILED;
            }
            return run(new MirrorStore(out), new FeedClient(server, key));
        }
    }

    private Integer run(MirrorStore mirror, FeedClient feed) throws IOException, InterruptedException {
        Progress p = new Progress(mirror.readCursor());
        try {
            Long end = feed.stream(p.cursor, event -> p.apply(mirror, event));
            if (end == null) {
                checkpoint(mirror, p);
                summary(mirror, p);
                stderr.println("error: the feed stream ended early; progress saved, rerun to resume");
                return EXIT_INCOMPLETE;
            }
            p.cursor = Math.max(p.cursor, end);
            checkpoint(mirror, p);
            summary(mirror, p);
            if (follow) {
                follow(mirror, feed, p);
            }
            return EXIT_OK;
        } catch (FeedClient.Refused e) {
            stderr.println("error: " + e.getMessage());
            return EXIT_FAILED;
        } catch (UncheckedIOException e) {
            checkpoint(mirror, p);
            throw e.getCause();
        }
    }

    /** Long-polls until interrupted, checkpointing by size or time; transient errors back off and retry. */
    private void follow(MirrorStore mirror, FeedClient feed, Progress p) throws IOException {
        long lastCheckpoint = System.nanoTime();
        long backoffMillis = 500;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                JsonNode page = feed.page(p.cursor, 10_000, waitSeconds);
                for (JsonNode event : page.get("events")) {
                    p.apply(mirror, FeedChange.of(event));
                }
                p.cursor = Math.max(p.cursor, Long.parseLong(page.get("next_cursor").asString()));
                backoffMillis = 500;
            } catch (FeedClient.Refused e) {
                throw e;
            } catch (IOException e) {
                stderr.println("warning: " + e.getMessage() + "; retrying");
                try {
                    TimeUnit.MILLISECONDS.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    break;
                }
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            } catch (InterruptedException e) {
                break;
            }
            boolean due = System.nanoTime() - lastCheckpoint >= TimeUnit.SECONDS.toNanos(checkpointSeconds);
            if (p.cursor > p.checkpointed && (due || mirror.pendingChanges() >= checkpointEvery)) {
                checkpoint(mirror, p);
                summary(mirror, p);
                lastCheckpoint = System.nanoTime();
            }
        }
        checkpoint(mirror, p);
        summary(mirror, p);
    }

    /** Makes the applied changes durable; a no-op when nothing moved since the last checkpoint. */
    private static void checkpoint(MirrorStore mirror, Progress p) throws IOException {
        if (p.cursor == p.checkpointed && mirror.pendingChanges() == 0) {
            return;
        }
        mirror.checkpoint(p.cursor);
        p.checkpointed = p.cursor;
    }

    private void summary(MirrorStore mirror, Progress p) throws IOException {
        stdout.println("applied " + p.applied + " events; " + mirror.size() + " signals in mirror; cursor " + p.cursor);
        stdout.flush();
    }

    /** Where this run stands. */
    private final class Progress {
        long cursor;
        long checkpointed;
        long applied;

        Progress(long cursor) {
            this.cursor = cursor;
            this.checkpointed = cursor;
        }

        void apply(MirrorStore mirror, FeedChange change) {
            if (change.delete()) {
                mirror.delete(change.signalId());
            } else {
                mirror.upsert(change.signalId(), change.signal());
            }
            cursor = change.seq();
            applied++;
            if (mirror.pendingChanges() >= checkpointEvery) {
                try {
                    checkpoint(mirror, this);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
