package dev.cairn.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The on-disk mirror: {@code signals.ndjson} (one current signal per line, sorted by id) and {@code cursor} (the feed
 * position the snapshot reflects). A checkpoint merges the pending changes into a new snapshot written beside the old
 * one, renames it into place atomically, and only then replaces the cursor the same way. A crash therefore leaves
 * either the old pair or a new snapshot with the old cursor; the latter is safe because re-applying feed events is
 * idempotent (each upsert sets a signal's whole state, each tombstone deletes it).
 */
final class MirrorStore {
    static final String SNAPSHOT = "signals.ndjson";
    static final String CURSOR = "cursor";
    private static final byte[] ID_PREFIX = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);

    private final Path dir;
    /** Changes since the last checkpoint, by signal id: the signal's JSON line, or null for a deletion. */
    private final NavigableMap<String, byte[]> pending = new TreeMap<>();
    private long size = -1;

    MirrorStore(Path dir) {
        this.dir = dir;
    }

    long readCursor() throws IOException {
        Path p = dir.resolve(CURSOR);
        if (!Files.exists(p)) {
            return 0;
        }
        String s = Files.readString(p, StandardCharsets.US_ASCII).strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("the cursor file " + p + " is damaged; delete the mirror directory to start afresh");
        }
    }

    void upsert(String id, byte[] signalJson) {
        pending.put(id, signalJson);
    }

    void delete(String id) {
        pending.put(id, null);
    }

    int pendingChanges() {
        return pending.size();
    }

    /** Signals in the mirror as of the last checkpoint. */
    long size() throws IOException {
        if (size < 0) {
            Path snapshot = dir.resolve(SNAPSHOT);
            try (var lines = Files.exists(snapshot) ? Files.lines(snapshot, StandardCharsets.UTF_8) : java.util.stream.Stream.<String>empty()) {
                size = lines.filter(l -> !l.isBlank()).count();
            }
        }
        return size;
    }

    /** Writes the pending changes and {@code cursor} durably; returns the number of signals in the mirror. */
    long checkpoint(long cursor) throws IOException {
        Files.createDirectories(dir);
        Path snapshot = dir.resolve(SNAPSHOT);
        Path tmp = dir.resolve(SNAPSHOT + ".tmp");
        long count = 0;
        // bytes, not a Writer: pending lines are already UTF-8 and go out without a decode and re-encode
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16)) {
            Iterator<Map.Entry<String, byte[]>> changes = pending.entrySet().iterator();
            Map.Entry<String, byte[]> change = changes.hasNext() ? changes.next() : null;
            if (Files.exists(snapshot)) {
                try (InputStream in = Files.newInputStream(snapshot)) {
                    ByteLines lines = new ByteLines(in);
                    byte[] line;
                    while ((line = lines.next()) != null) {
                        String id = idOf(line);
                        while (change != null && change.getKey().compareTo(id) < 0) {
                            count += write(out, change.getValue());
                            change = changes.hasNext() ? changes.next() : null;
                        }
                        if (change != null && change.getKey().equals(id)) {
                            count += write(out, change.getValue());
                            change = changes.hasNext() ? changes.next() : null;
                        } else {
                            count += write(out, line);
                        }
                    }
                }
            }
            while (change != null) {
                count += write(out, change.getValue());
                change = changes.hasNext() ? changes.next() : null;
            }
            out.flush();
        }
        force(tmp);
        move(tmp, snapshot);
        Path cursorTmp = dir.resolve(CURSOR + ".tmp");
        Files.writeString(cursorTmp, cursor + "\n", StandardCharsets.US_ASCII);
        force(cursorTmp);
        move(cursorTmp, dir.resolve(CURSOR));
        forceDirectory();
        pending.clear();
        size = count;
        return count;
    }

    private static int write(OutputStream out, byte[] json) throws IOException {
        if (json == null) {
            return 0;
        }
        out.write(json);
        out.write('\n');
        return 1;
    }

    /** The id of a snapshot line. Lines are written as {@code {"id":"<uuid>",...}}, so this rarely needs a parser. */
    static String idOf(byte[] line) {
        int at = ID_PREFIX.length;
        if (line.length > at + 37 && Arrays.equals(line, 0, at, ID_PREFIX, 0, at) && line[at + 36] == '"') {
            return new String(line, at, 36, StandardCharsets.US_ASCII);
        }
        return Json.MAPPER.readTree(line).get("id").asString();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot sync a directory; the renames are still atomic there.
        }
    }
}
