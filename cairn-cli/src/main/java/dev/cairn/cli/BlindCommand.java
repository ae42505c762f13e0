package dev.cairn.cli;

import dev.cairn.core.blind.Blinder;
import dev.cairn.core.blind.BlindingKey;
import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code blind --key-file K --type email [--region US]}: reads identifiers one per line from stdin and prints one
 * blinded value (docs/blinding.md) per line to stdout. A line that is not a valid identifier is reported on stderr as
 * {@code line N: reason} (never with the value, which may be sensitive) and skipped; the exit code is then 1.
 * Exit code 2 means nothing was processed (unreadable or invalid key file, type that cannot be blinded).
 */
@Command(name = "blind", mixinStandardHelpOptions = true,
        description = "Blind e-mail addresses, usernames or phone numbers (one per line on stdin) with the consortium key.")
public class BlindCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_SOME_LINES_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--key-file", required = true, paramLabel = "FILE",
            description = "Text file with the consortium key as hex or base64 (at least 32 bytes).")
    Path keyFile;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "Identifier type: email, username or phone.")
    String type;

    @Option(names = "--region", defaultValue = "US", paramLabel = "CC",
            description = "Region for phone numbers written without country code (default: ${DEFAULT-VALUE}).")
    String region;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public BlindCommand() {
        this(System.in, System.out, System.err);
    }

    /** For tests and embedding: the streams the command reads and writes. */
    public BlindCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        SignalType signalType = SignalType.parse(type);
        if (signalType == null || !signalType.blindable()) {
            errWriter.println("error: --type must be email, username or phone");
            return EXIT_USAGE;
        }
        Blinder blinder;
        try {
            blinder = new Blinder(BlindingKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            errWriter.println("error: cannot read key file: " + e.getClass().getSimpleName());
            return EXIT_USAGE;
        } catch (InvalidValueException e) {
            errWriter.println("error: key file: " + e.getMessage());
            return EXIT_USAGE;
        }
        PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        int failed = blindLines(new InputStreamReader(in, StandardCharsets.UTF_8), outWriter, errWriter, blinder,
                signalType, new NormalizeOptions(region));
        outWriter.flush();
        return failed == 0 ? EXIT_OK : EXIT_SOME_LINES_FAILED;
    }

    /**
     * Blinds every line of {@code input}; returns how many lines failed. A UTF-8 BOM on the first line and a trailing
     * CR (Windows line ends) are ignored.
     */
    public static int blindLines(Reader input, PrintWriter out, PrintWriter err, Blinder blinder, SignalType type,
                                 NormalizeOptions options) throws IOException {
        BufferedReader reader = input instanceof BufferedReader b ? b : new BufferedReader(input);
        int lineNo = 0;
        int failed = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            try {
                out.println(blinder.blind(type, line, options));
            } catch (InvalidValueException e) {
                failed++;
                err.println("line " + lineNo + ": " + e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return failed;
    }
}
