package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HashCommandTest {

    static Path data() {
        for (String c : List.of("../shared/pdq", "../../shared/pdq")) {
            if (Files.isDirectory(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new IllegalStateException("shared PDQ data not found");
    }

    private static List<Path> pngs() throws IOException {
        try (Stream<Path> s = Files.list(data().resolve("images"))) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    /** file name -> the rest of the line, from "...,name" lines whose last field is a path. */
    private static Map<String, String> byFileName(String text) {
        Map<String, String> m = new TreeMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            m.put(Path.of(line.substring(comma + 1)).getFileName().toString(), line.substring(0, comma));
        }
        return m;
    }

    @Test
    void hashesPngsLikeTheReferenceTool() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HashCommand.run(pngs(), false, 100_000_000L, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        Map<String, String> expected = byFileName(Files.readString(data().resolve("expected-png.csv")));
        assertThat(byFileName(out.toString())).isEqualTo(expected);
    }

    @Test
    void dihedralOutputMatchesReference() throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new HashCommand());
        cmd.setOut(new PrintWriter(out));
        String[] args = Stream.concat(Stream.of("--dihedral"), pngs().stream().map(Path::toString)).toArray(String[]::new);
        int code = cmd.execute(args);
        assertThat(code).isZero();
        Map<String, String> expected = byFileName(Files.readString(data().resolve("expected-png-dihedral.txt")));
        assertThat(byFileName(out.toString())).isEqualTo(expected);
    }

    @Test
    void walksDirectoriesAndReportsBadFilesWithoutStopping(@TempDir Path dir) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Files.copy(data().resolve("images/wee.png"), sub.resolve("wee.png"));
        Files.writeString(dir.resolve("broken.jpg"), "not really a jpeg");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not an image extension");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HashCommand.run(List.of(dir, dir.resolve("missing.png")), false, 100_000_000L,
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString().strip()).isEqualTo(
                "6227401f601ff4ccafcc9fad4b0d95d371a2eb7265a3285234d228ca94deeb2d,100," + sub.resolve("wee.png"));
        assertThat(err.toString()).contains("broken.jpg").contains("missing.png").doesNotContain("notes.txt");
        assertThat(Arrays.stream(err.toString().split("\\R")).filter(s -> !s.isBlank()).count()).isEqualTo(2);
    }
}
