package dev.cairn.core.normalize;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static dev.cairn.core.normalize.Support.key;
import static dev.cairn.core.normalize.Support.rejects;
import static dev.cairn.core.signal.SignalType.CRYPTO_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;

class CryptoAddressNormalizerTest {

    @Test
    void keccak256Vectors() {
        assertThat(HexFormat.of().formatHex(Keccak256.digest(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(HexFormat.of().formatHex(Keccak256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        // longer than one 136-byte block, and exactly one block
        assertThat(Keccak256.digest(new byte[200])).hasSize(32);
        assertThat(Keccak256.digest(new byte[136])).isNotEqualTo(Keccak256.digest(new byte[135]));
    }

    /** EIP-55's published examples. */
    @ParameterizedTest
    @ValueSource(strings = {
            "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void eip55Examples(String address) {
        assertThat(key(CRYPTO_ADDRESS, address)).isEqualTo("0x" + address.substring(2).toLowerCase());
        String lower = address.substring(2).toLowerCase();
        if (!address.substring(2).equals(lower) && !address.substring(2).equals(address.substring(2).toUpperCase())) {
            assertThat("0x" + CryptoAddressNormalizer.eip55(lower)).isEqualTo(address);
        }
    }

    @Test
    void ethereumBrokenChecksumRejected() {
        rejects(CRYPTO_ADDRESS, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD").hasMessageContaining("EIP-55");
        rejects(CRYPTO_ADDRESS, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae").hasMessageContaining("40 hex");
        assertThat(key(CRYPTO_ADDRESS, "ethereum:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed@1?value=1"))
                .isEqualTo("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"})
    void base58Valid(String address) {
        assertThat(key(CRYPTO_ADDRESS, address)).isEqualTo(address);
    }

    @Test
    void base58Rejections() {
        rejects(CRYPTO_ADDRESS, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb").hasMessageContaining("checksum");
        rejects(CRYPTO_ADDRESS, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz").hasMessageContaining("checksum");
        rejects(CRYPTO_ADDRESS, "1A1zP1eP5QGefi2DMPTfTL5SLmv7Div0Na").hasMessageContaining("alphabet");
        rejects(CRYPTO_ADDRESS, "not-an-address").hasMessageContaining("recognised");
        assertThat(key(CRYPTO_ADDRESS, "bitcoin:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2?amount=1"))
                .isEqualTo("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2");
    }

    /** BIP-350's valid segwit addresses (BIP-173 v0 ones included). */
    @ParameterizedTest
    @ValueSource(strings = {
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
            "BC1SW50QGDZ25J",
            "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
            "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
            "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"})
    void segwitValid(String address) {
        assertThat(key(CRYPTO_ADDRESS, address)).isEqualTo(address.toLowerCase());
    }

    /** BIP-350's invalid segwit addresses. */
    @ParameterizedTest
    @ValueSource(strings = {
            "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
            "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",
            "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
            "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",
            "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
            "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
            "bc1pw5dgrnzv",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
            "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
            "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
            "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",
            "bc1gmk9yu"})
    void segwitInvalid(String address) {
        rejects(CRYPTO_ADDRESS, address);
    }

    @Test
    void segwitReasons() {
        rejects(CRYPTO_ADDRESS, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5").hasMessageContaining("checksum mismatch");
        rejects(CRYPTO_ADDRESS, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd")
                .hasMessageContaining("requires bech32m");
        rejects(CRYPTO_ADDRESS, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh").hasMessageContaining("requires bech32");
        rejects(CRYPTO_ADDRESS, "bc1qw508d6qejxtdg4y5r3zarvary0C5xw7kv8f3t4").hasMessageContaining("mixed");
    }
}
