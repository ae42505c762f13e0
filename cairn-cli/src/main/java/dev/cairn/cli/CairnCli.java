package dev.cairn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The member-side command line. Everything that touches images or raw identifiers runs here, on the member's
 * machine: images are hashed locally and never uploaded; identifiers can be blinded before they leave.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, version = "cairn 0.1.0",
        description = "Member-side tools for the Cairn signal exchange.",
        subcommands = {HashCommand.class, BlindCommand.class, ScanCommand.class, SyncCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class CairnCli {

    public static void main(String[] args) {
        // Image readers packaged as plugins (WebP, TIFF, CMYK JPEG) register through the context class loader,
        // which inside the executable jar is not the one ImageIO looked at first.
        javax.imageio.ImageIO.scanForPlugins();
        CommandLine cli = new CommandLine(new CairnCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            String what = e instanceof java.net.ConnectException ? "cannot reach the server"
                    : e instanceof java.io.IOException ? "I/O error" : "error";
            commandLine.getErr().println("cairn: " + what + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 3;
        });
        System.exit(cli.execute(args));
    }
}
