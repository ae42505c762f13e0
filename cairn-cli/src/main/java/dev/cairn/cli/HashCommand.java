package dev.cairn.cli;

import dev.cairn.core.pdq.DihedralHashes;
import dev.cairn.core.pdq.ImageDecoder;
import dev.cairn.core.pdq.PdqHash;
import dev.cairn.core.pdq.PdqHashResult;
import dev.cairn.core.pdq.PdqHasher;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hash FILES|DIRS...}: PDQ-hashes images locally, printing {@code hash,quality,path} per image
 * like the reference {@code pdq-photo-hasher}. Files named on the command line are always tried;
 * directories are walked recursively for files with an image extension. A file that cannot be read
 * or decoded gets an error line on stderr and the run continues; the exit code is 1 if any failed.
 */
@Command(name = "hash", mixinStandardHelpOptions = true,
        description = "Compute PDQ hashes of image files (recursing into directories).")
public final class HashCommand implements Callable<Integer> {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff");

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Images, or directories to search for images.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--dihedral", description = "Print the hashes of all 8 rotations/flips: h0..h7,quality,path.")
    boolean dihedral;

    @Option(names = "--max-pixels", description = "Refuse images larger than this many pixels (default: ${DEFAULT-VALUE}).")
    long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return run(paths, dihedral, maxPixels, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** The command's logic, free of picocli: returns the exit code. */
    public static int run(List<Path> paths, boolean dihedral, long maxPixels, PrintWriter out, PrintWriter err) {
        ImageDecoder decoder = new ImageDecoder(maxPixels);
        PdqHasher hasher = new PdqHasher();
        int failures = 0;
        for (Path root : paths) {
            List<Path> files;
            try {
                files = expand(root);
            } catch (IOException e) {
                err.println("error: " + root + ": " + describe(e));
                failures++;
                continue;
            }
            for (Path file : files) {
                try {
                    BufferedImage img = decoder.read(file);
                    if (dihedral) {
                        DihedralHashes d = hasher.dihedral(img);
                        out.println(d.all().stream().map(PdqHash::toHex).collect(Collectors.joining(","))
                                + "," + d.quality() + "," + file);
                    } else {
                        PdqHashResult r = hasher.hash(img);
                        out.println(r.hash().toHex() + "," + r.quality() + "," + file);
                    }
                } catch (IOException e) {
                    err.println("error: " + file + ": " + describe(e));
                    failures++;
                }
            }
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }

    static List<Path> expand(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(HashCommand::hasImageExtension).sorted().toList();
        }
    }

    static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
