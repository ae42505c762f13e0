package dev.cairn.core.match;

import dev.cairn.core.normalize.IpAddress;
import dev.cairn.core.normalize.IpRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CidrIndexTest {

    private static List<String> containing(CidrIndex<String> index, String address) {
        List<String> out = new ArrayList<>();
        index.forEachContaining(IpAddress.parse(address), (e, block) -> out.add(e + "@" + block));
        return out;
    }

    @Test
    void findsEveryBlockContainingAnAddressAcrossPrefixLengths() {
        CidrIndex<String> index = new CidrIndex<>(String.class);
        index.add(IpRange.parse("198.51.100.0/24"), "a");
        index.add(IpRange.parse("198.51.0.0/16"), "b");
        index.add(IpRange.parse("198.51.100.64/26"), "c");
        index.add(IpRange.parse("2001:db8::/32"), "v6");
        assertThat(containing(index, "198.51.100.70")).containsExactlyInAnyOrder(
                "a@198.51.100.0/24", "b@198.51.0.0/16", "c@198.51.100.64/26");
        assertThat(containing(index, "198.51.100.10")).containsExactlyInAnyOrder("a@198.51.100.0/24", "b@198.51.0.0/16");
        assertThat(containing(index, "198.52.0.1")).isEmpty();
        assertThat(containing(index, "2001:db8:1::5")).containsExactly("v6@2001:db8::/32");
        assertThat(containing(index, "2001:db9::5")).isEmpty();

        index.remove(IpRange.parse("198.51.0.0/16"), "b");
        assertThat(containing(index, "198.51.100.10")).containsExactly("a@198.51.100.0/24");
    }

    @Test
    void agreesWithALinearScanOnRandomBlocks() {
        Random random = new Random(7);
        CidrIndex<String> index = new CidrIndex<>(String.class);
        List<IpRange> blocks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int len = 8 + random.nextInt(25);
            IpRange r = new IpRange(CidrIndex.mask(IpAddress.v4(random.nextInt() & 0xFFFFFFFFL), len), len);
            blocks.add(r);
            index.add(r, "b" + i);
        }
        for (int q = 0; q < 2000; q++) {
            IpAddress a = IpAddress.v4(random.nextInt() & 0xFFFFFFFFL);
            long expected = blocks.stream().filter(b -> b.contains(a)).count();
            assertThat(index.forEachContaining(a, (e, b) -> { })).isEqualTo((int) expected);
        }
    }
}
