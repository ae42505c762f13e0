package dev.cairn.cli;

import dev.cairn.core.pdq.DihedralHashes;
import dev.cairn.core.pdq.ImageDecodeException;
import dev.cairn.core.pdq.ImageDecoder;
import dev.cairn.core.pdq.PdqHash;
import dev.cairn.core.pdq.PdqHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Hashes images locally and matches the hashes against the exchange in batches. Only hashes leave the machine.
 * Output: one line per hit, {@code path,signal_id,owner,distance,categories}.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Hash images locally and match the PDQ hashes against a Cairn server; images never leave this machine.")
public final class ScanCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Images, or directories to search for images.")
    List<Path> paths;

    @Option(names = "--server", required = true, description = "Base URL of the Cairn server, e.g. http://localhost:8080")
    String server;

    @Option(names = "--key", required = true, description = "API key with the read scope (or set CAIRN_KEY and pass --key=env:CAIRN_KEY)")
    String key;

    @Option(names = "--max-distance", defaultValue = "31", description = "Hamming distance threshold, 0-64 (default: ${DEFAULT-VALUE}).")
    int maxDistance;

    @Option(names = "--dihedral", description = "Also match the 8 rotations and flips of each image (hashed locally).")
    boolean dihedral;

    @Option(names = "--batch", defaultValue = "1000", description = "Hashes per match request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        String apiKey = key.startsWith("env:") ? System.getenv(key.substring(4)) : key;
        if (apiKey == null || apiKey.isBlank()) {
            System.err.println("cairn scan: no API key (" + key + " is empty)");
            return 2;
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return run(new CairnClient(server, apiKey), paths, maxDistance, dihedral, Math.max(1, Math.min(batch, 10_000)), out, err);
    }

    record Query(Path path, String hash) {
    }

    static int run(CairnClient client, List<Path> roots, int maxDistance, boolean dihedral, int batch,
                   PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        ImageDecoder decoder = new ImageDecoder();
        PdqHasher hasher = new PdqHasher();
        List<Query> pending = new ArrayList<>();
        int failed = 0;
        int images = 0;
        int hits = 0;
        for (Path root : roots) {
            for (Path file : HashCommand.expand(root)) {
                try {
                    var image = decoder.decode(file);
                    images++;
                    if (dihedral) {
                        DihedralHashes all = hasher.dihedral(image);
                        for (PdqHash h : all.all()) {
                            pending.add(new Query(file, h.toHex()));
                        }
                    } else {
                        pending.add(new Query(file, hasher.hash(image).hash().toHex()));
                    }
                } catch (ImageDecodeException e) {
                    err.println(file + ": " + e.getMessage());
                    failed++;
                } catch (IOException e) {
                    err.println(file + ": " + HashCommand.describe(e));
                    failed++;
                }
                if (pending.size() >= batch) {
                    hits += send(client, pending, maxDistance, out);
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            hits += send(client, pending, maxDistance, out);
        }
        err.println("cairn scan: " + images + " images hashed, " + hits + " hits, " + failed + " unreadable");
        out.flush();
        return failed > 0 ? 1 : 0;
    }

    private static int send(CairnClient client, List<Query> queries, int maxDistance, PrintWriter out)
            throws IOException, InterruptedException {
        List<Map<String, Object>> items = new ArrayList<>(queries.size());
        for (Query q : queries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", "PDQ");
            item.put("value", q.hash());
            item.put("max_distance", maxDistance);
            items.add(item);
        }
        JsonNode response = client.post("/api/v1/match", Map.of("items", items));
        // With --dihedral one image yields several items: report each signal once per image, at its best distance.
        Map<String, JsonNode> best = new LinkedHashMap<>();
        for (JsonNode result : response.path("results")) {
            Path path = queries.get(result.get("index").asInt()).path();
            for (JsonNode m : result.path("matches")) {
                String key = path + "\u0000" + m.get("signal_id").asString();
                JsonNode prior = best.get(key);
                if (prior == null || m.path("distance").asInt() < prior.path("distance").asInt()) {
                    best.put(key, m);
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : best.entrySet()) {
            String path = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            JsonNode m = e.getValue();
            List<String> categories = new ArrayList<>();
            m.path("categories").forEach(c -> categories.add(c.asString()));
            out.println(path + "," + m.get("signal_id").asString() + "," + m.path("owner").path("slug").asString()
                    + "," + m.path("distance").asInt() + "," + String.join(";", categories));
        }
        return best.size();
    }
}
