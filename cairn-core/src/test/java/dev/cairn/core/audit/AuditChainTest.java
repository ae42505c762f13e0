package dev.cairn.core.audit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTest {

    private static List<AuditRecord> chain(int n) {
        List<AuditRecord> out = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int i = 1; i <= n; i++) {
            String at = "2026-11-25T03:00:0" + (i % 10) + "Z";
            String h = AuditChain.hash(i, at, "API_KEY", "key-" + i, "p1", "GET /api/v1/signals/{id}", "signal",
                    "id-" + i, "SUCCESS", "req-" + i, "", prev);
            out.add(new AuditRecord(i, at, "API_KEY", "key-" + i, "p1", "GET /api/v1/signals/{id}", "signal", "id-" + i,
                    "SUCCESS", "req-" + i, "", prev, h));
            prev = h;
        }
        return out;
    }

    private static List<String> verify(List<AuditRecord> records) {
        AuditChain.Verifier v = new AuditChain.Verifier();
        records.forEach(v::accept);
        return v.problems();
    }

    @Test
    void anIntactChainVerifies() {
        assertThat(verify(chain(5))).isEmpty();
    }

    @Test
    void detectsAModifiedEntry() {
        List<AuditRecord> c = chain(5);
        AuditRecord r = c.get(2);
        c.set(2, new AuditRecord(r.seq(), r.at(), r.actorType(), r.actorId(), r.participant(), r.action(), r.targetType(),
                "someone-else", r.outcome(), r.requestId(), r.detail(), r.prevHash(), r.hash()));
        assertThat(verify(c)).singleElement().asString().contains("entry 3", "modified");
    }

    @Test
    void detectsADeletedEntry() {
        List<AuditRecord> c = chain(5);
        c.remove(1);
        assertThat(verify(c)).anyMatch(p -> p.contains("deleted"));
    }

    @Test
    void detectsAnInsertedEntryEvenWithAValidOwnHash() {
        List<AuditRecord> c = chain(5);
        AuditRecord before = c.get(1);
        String h = AuditChain.hash(2, before.at(), "USER", "intruder", "p1", "noop", "", "", "SUCCESS", "", "", before.hash());
        c.add(2, new AuditRecord(2, before.at(), "USER", "intruder", "p1", "noop", "", "", "SUCCESS", "", "", before.hash(), h));
        assertThat(verify(c)).isNotEmpty();
    }

    @Test
    void lengthPrefixingKeepsFieldBoundariesApart() {
        String a = AuditChain.hash(1, "t", "A", "BC", "", "", "", "", "", "", "", AuditChain.GENESIS);
        String b = AuditChain.hash(1, "t", "AB", "C", "", "", "", "", "", "", "", AuditChain.GENESIS);
        assertThat(a).isNotEqualTo(b);
    }
}
