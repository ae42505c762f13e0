package dev.cairn.core.pdq;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PdqDihedralTest {

    @Test
    void derivedVariantsAreNearTheVariantsHashedFromTransformedImages() throws IOException {
        List<String> rows = Files.readAllLines(PdqTestData.file("expected-png-dihedral.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        int checked = 0;
        for (String row : rows) {
            String[] f = row.split(",");
            if (Integer.parseInt(f[8]) < 50) {
                continue; // low-quality hashes have many coefficients near the median
            }
            PdqHash[] derived = PdqDihedral.variants(PdqHash.fromHex(f[0]));
            for (int v = 0; v < 8; v++) {
                assertThat(derived[v].distance(PdqHash.fromHex(f[v]))).as(f[9] + " variant " + v).isLessThanOrEqualTo(31);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void theOriginalAndTheTransposeAreExact() {
        PdqHash h = PdqHash.fromHex("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22");
        PdqHash[] v = PdqDihedral.variants(h);
        assertThat(v[0]).isEqualTo(h);
        assertThat(PdqDihedral.variants(v[6])[6]).isEqualTo(h);
        assertThat(PdqDihedral.variants(v[2])[2]).isEqualTo(h);
    }
}
