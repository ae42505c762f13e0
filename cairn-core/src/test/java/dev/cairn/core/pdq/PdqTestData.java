package dev.cairn.core.pdq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Locates the shared read-only PDQ reference data next to the worktree. */
public final class PdqTestData {

    private PdqTestData() {}

    public static Path dir() {
        for (String candidate : List.of("../shared/pdq", "../../shared/pdq", "../../../shared/pdq")) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("shared PDQ test data not found (looked for ../shared/pdq and ../../shared/pdq from "
                + Path.of("").toAbsolutePath() + ")");
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    public static List<String> lines(String name) {
        try {
            return Files.readAllLines(file(name)).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
