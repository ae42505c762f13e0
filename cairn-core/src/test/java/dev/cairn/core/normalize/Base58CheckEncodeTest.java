package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Base58CheckEncodeTest {

    @Test
    void encodesTheWellKnownGenesisAddressAndRoundTrips() {
        // version 0x00 + hash160 of the genesis block's coinbase key: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa
        byte[] payload = HexFormat.of().parseHex("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18");
        String address = Base58Check.encode(payload);
        assertThat(address).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
        assertThat(Base58Check.verify(address)).isEqualTo(payload);
    }

    @Test
    void leadingZeroBytesBecomeOnes() {
        byte[] payload = new byte[21];
        String address = Base58Check.encode(payload);
        assertThat(address).startsWith("1111");
        assertThat(Base58Check.verify(address)).isEqualTo(payload);
    }
}
