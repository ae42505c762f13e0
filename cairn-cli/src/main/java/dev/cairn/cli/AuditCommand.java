package dev.cairn.cli;

import dev.cairn.core.audit.AuditChain;
import dev.cairn.core.audit.AuditRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code cairn audit verify}: re-computes the audit log's hash chain from the operator's copy of it. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit log tools.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify the audit log's hash chain: detects modified, inserted and deleted entries.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--server", required = true, description = "Base URL of the Cairn server")
        String server;

        @Option(names = "--key", required = true, description = "An operator admin API key")
        String key;

        @Option(names = "--expect-head", paramLabel = "SEQ:HASH",
                description = "A checkpoint recorded earlier: the chain must still contain this entry unchanged "
                        + "(detects truncation of the newest entries).")
        String expectHead;

        @Override
        public Integer call() throws Exception {
            return run(new CairnClient(server, key), expectHead, new PrintWriter(System.out, true));
        }
    }

    static int run(CairnClient client, String expectHead, PrintWriter out) throws Exception {
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        long checkpointSeq = -1;
        String checkpointHash = null;
        if (expectHead != null) {
            int colon = expectHead.indexOf(':');
            checkpointSeq = Long.parseLong(expectHead.substring(0, colon));
            checkpointHash = expectHead.substring(colon + 1);
        }
        boolean checkpointSeen = false;
        String cursor = "0";
        while (true) {
            JsonNode page = client.get("/api/v1/audit?limit=10000&after=" + cursor);
            if (!page.path("complete_chain").asBoolean()) {
                out.println("FAILED: this key does not see the whole log; use an operator admin key");
                return 2;
            }
            JsonNode entries = page.path("entries");
            for (JsonNode e : entries) {
                AuditRecord r = new AuditRecord(e.get("seq").asLong(), e.get("at").asString(),
                        e.get("actor_type").asString(), e.get("actor_id").asString(), e.get("participant").asString(),
                        e.get("action").asString(), e.get("target_type").asString(), e.get("target_id").asString(),
                        e.get("outcome").asString(), e.get("request_id").asString(), e.get("detail").asString(),
                        e.get("prev_hash").asString(), e.get("hash").asString());
                verifier.accept(r);
                if (r.seq() == checkpointSeq) {
                    checkpointSeen = true;
                    if (!r.hash().equals(checkpointHash)) {
                        verifier.problems().add("entry " + r.seq() + ": differs from the checkpoint");
                    }
                }
            }
            // Reading the log appends to it, so a short page means we have caught up.
            if (entries.size() < 10000) {
                break;
            }
            cursor = page.path("next_cursor").asString();
        }
        if (checkpointSeq > 0 && !checkpointSeen) {
            verifier.problems().add("checkpoint entry " + checkpointSeq + " is missing (log truncated)");
        }
        for (String p : verifier.problems()) {
            out.println("PROBLEM " + p);
        }
        if (verifier.problems().isEmpty()) {
            out.println("OK " + verifier.checked() + " entries verified; head " + verifier.lastSeq() + ":" + verifier.lastHash());
            return 0;
        }
        out.println("FAILED " + verifier.problems().size() + " problem(s) in " + verifier.checked() + " entries");
        return 1;
    }
}
