package dev.cairn.cli;

import dev.cairn.core.blind.Blinder;
import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.signal.SignalType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class BlindCommandTest {
    static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final String JDOE_GMAIL = "74b6bc6fab2ab07e3a163393d0aad5ac29ec0ea93653ba105dc5f063915fbca9";
    static final String JDOE_EXAMPLE = "ab7a5f6ad00449bbc572657ab5ae686ffab4428c8b22809b3b2fd990d5ea667c";
    static final String PHONE = "71ec7c2de65b965fd1f08d932bf0313e60efe16f68816b41dbae3d1283c09ecf";

    @TempDir
    Path dir;

    @Test
    void blindsLinesAndReportsBadOnesByNumber() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int failed = BlindCommand.blindLines(
                new StringReader("\uFEFFJ.Doe+tag@GoogleMail.com\r\nnot-an-email\n\njdoe@example.com\n"),
                new PrintWriter(out), new PrintWriter(err),
                new Blinder(HexFormat.of().parseHex(KEY_HEX)), SignalType.EMAIL, NormalizeOptions.DEFAULT);
        assertThat(failed).isEqualTo(2);
        assertThat(out.toString().lines()).containsExactly(JDOE_GMAIL, JDOE_EXAMPLE);
        assertThat(err.toString().lines()).containsExactly("line 2: an e-mail address needs an '@'",
                "line 3: must not be blank");
        assertThat(err.toString()).doesNotContain("not-an-email");
    }

    @Test
    void commandLineSuccess() throws Exception {
        Path key = Files.writeString(dir.resolve("k"), KEY_HEX + "\n");
        Result r = run("J.Doe+tag@GoogleMail.com\n", "--key-file", key.toString(), "--type", "email");
        assertThat(r.exit).isZero();
        assertThat(r.out.lines()).containsExactly(JDOE_GMAIL);
        assertThat(r.err).isEmpty();
    }

    @Test
    void phoneWithRegion() throws Exception {
        Path key = Files.writeString(dir.resolve("k"), KEY_HEX);
        Result r = run("(202) 555-0143\n", "--key-file", key.toString(), "--type", "PHONE", "--region", "US");
        assertThat(r.exit).isZero();
        assertThat(r.out.strip()).isEqualTo(PHONE);
    }

    @Test
    void nonZeroExitWhenALineFails() throws Exception {
        Path key = Files.writeString(dir.resolve("k"), KEY_HEX);
        Result r = run("jdoe@example.com\n@@\n", "--key-file", key.toString(), "--type", "email");
        assertThat(r.exit).isEqualTo(BlindCommand.EXIT_SOME_LINES_FAILED);
        assertThat(r.out.lines()).containsExactly(JDOE_EXAMPLE);
        assertThat(r.err).startsWith("line 2: ");
    }

    @Test
    void rejectsShortKeyAndUnblindableType() throws Exception {
        Path shortKey = Files.writeString(dir.resolve("short"), "00112233");
        Result r = run("jdoe@example.com\n", "--key-file", shortKey.toString(), "--type", "email");
        assertThat(r.exit).isEqualTo(BlindCommand.EXIT_USAGE);
        assertThat(r.err).contains("at least 32 bytes").doesNotContain("00112233");
        assertThat(r.out).isEmpty();

        Path key = Files.writeString(dir.resolve("k"), KEY_HEX);
        Result url = run("evil.example\n", "--key-file", key.toString(), "--type", "url");
        assertThat(url.exit).isEqualTo(BlindCommand.EXIT_USAGE);

        Result missing = run("x\n", "--key-file", dir.resolve("absent").toString(), "--type", "email");
        assertThat(missing.exit).isEqualTo(BlindCommand.EXIT_USAGE);
        assertThat(missing.err).contains("cannot read key file");
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BlindCommand command = new BlindCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(command).execute(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
