package dev.cairn.core.pdq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdqHasherTest {

    private final ImageDecoder decoder = new ImageDecoder();
    private final PdqHasher hasher = new PdqHasher();

    @Test
    void pngHashesMatchReferenceBitForBit() throws Exception {
        List<String> mismatches = new ArrayList<>();
        List<String> expected = PdqTestData.lines("expected-png.csv");
        assertThat(expected).hasSizeGreaterThan(20);
        for (String line : expected) {
            String[] f = line.split(",");
            PdqHashResult r = hasher.hash(decoder.read(PdqTestData.file("images/" + f[2])));
            String got = r.hash().toHex() + "," + r.quality();
            if (!got.equals(f[0] + "," + f[1])) {
                mismatches.add(f[2] + " expected " + f[0] + "," + f[1] + " got " + got
                        + " (distance " + r.hash().distance(PdqHash.fromHex(f[0])) + ")");
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void dihedralHashesMatchReferenceBitForBit() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (String line : PdqTestData.lines("expected-png-dihedral.txt")) {
            String[] f = line.split(",");
            DihedralHashes d = hasher.dihedral(decoder.decode(PdqTestData.file("images/" + f[9])));
            List<PdqHash> all = d.all();
            for (int i = 0; i < 8; i++) {
                if (!all.get(i).toHex().equals(f[i])) {
                    mismatches.add(f[9] + " variant " + i + " expected " + f[i] + " got " + all.get(i).toHex());
                }
            }
            if (d.quality() != Integer.parseInt(f[8])) {
                mismatches.add(f[9] + " quality " + d.quality() + " != " + f[8]);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void jpegHashesWithinConformanceDistance() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String line : PdqTestData.lines("expected-jpeg.csv")) {
            String[] f = line.split(",");
            PdqHashResult r = hasher.hash(decoder.read(PdqTestData.file("images/" + f[2])));
            int d = r.hash().distance(PdqHash.fromHex(f[0]));
            if (d > 10) {
                failures.add(f[2] + " at distance " + d);
            }
        }
        assertThat(failures).isEmpty();
    }
}
