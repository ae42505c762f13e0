package dev.cairn.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit log's hash chain. Each entry's hash is SHA-256 over its fields, each written as
 * {@code <UTF-8 byte length>:<bytes>;} (length-prefixed, so no choice of content can make two different entries
 * serialise alike), in the order of {@link AuditRecord}'s components up to and including {@code prevHash}.
 * Changing, inserting or removing an entry breaks the chain from that point on.
 */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(long seq, String at, String actorType, String actorId, String participant, String action,
                              String targetType, String targetId, String outcome, String requestId, String detail,
                              String prevHash) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String field : new String[]{Long.toString(seq), at, actorType, actorId, participant, action, targetType,
                    targetId, outcome, requestId, detail, prevHash}) {
                byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
                md.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(bytes);
                md.update((byte) ';');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(AuditRecord r) {
        return hash(r.seq(), r.at(), r.actorType(), r.actorId(), r.participant(), r.action(), r.targetType(),
                r.targetId(), r.outcome(), r.requestId(), r.detail(), r.prevHash());
    }

    /** Verifies entries in order, starting after {@code previous} (null for the start of the log). */
    public static final class Verifier {
        private long lastSeq;
        private String lastHash;
        private long checked;
        private final List<String> problems = new ArrayList<>();

        public Verifier() {
            this(0, GENESIS);
        }

        public Verifier(long afterSeq, String afterHash) {
            this.lastSeq = afterSeq;
            this.lastHash = afterHash;
        }

        public void accept(AuditRecord r) {
            checked++;
            if (r.seq() != lastSeq + 1) {
                problems.add("entry " + r.seq() + ": expected sequence " + (lastSeq + 1)
                        + (r.seq() > lastSeq + 1 ? " (entries deleted)" : " (entries inserted or reordered)"));
            }
            if (!r.prevHash().equals(lastHash)) {
                problems.add("entry " + r.seq() + ": previous-hash link broken (an earlier entry was changed, inserted or deleted)");
            }
            String expected = hash(r);
            if (!expected.equals(r.hash())) {
                problems.add("entry " + r.seq() + ": content does not match its hash (entry modified)");
            }
            lastSeq = r.seq();
            lastHash = r.hash();
        }

        public List<String> problems() {
            return problems;
        }

        public long checked() {
            return checked;
        }

        public long lastSeq() {
            return lastSeq;
        }

        public String lastHash() {
            return lastHash;
        }
    }
}
