package dev.cairn.bench.normalize;

import dev.cairn.core.blind.Blinder;
import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.normalize.Probe;
import dev.cairn.core.normalize.SignalNormalizer;
import dev.cairn.core.normalize.Normalized;
import dev.cairn.core.signal.SignalType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Normalisation throughput per signal type over a small mix of realistic inputs (canonical, messy and evasive
 * spellings). Each invocation normalises one input, cycling through the mix. Synthetic data only.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class NormalizeBenchmark {

    @Param({"URL", "DOMAIN", "EMAIL", "USERNAME", "PHONE", "IP", "KEYWORD", "SHA256", "CRYPTO_ADDRESS"})
    public String type;

    private SignalType signalType;
    private String[] inputs;
    private int next;
    private Blinder blinder;

    @Setup
    public void setup() {
        signalType = SignalType.valueOf(type);
        inputs = switch (signalType) {
            case URL -> new String[]{
                    "https://WWW.Evil.example:8080/gallery/x.html?id=1#a",
                    "hxxp://evil[.]example/gallery/../gallery/x.html",
                    "evil.example/",
                    "http://files.cdn.example.net/u/12345/album/2024/img_0001.jpg?sig=abcdef&exp=1700000000",
                    "http://%31%39%32.0.2.1/%2e%2e/a//b/./c.php?q=%2541",
                    "https://sub.domain.example.co.uk/path/to/page.html"};
            case DOMAIN -> new String[]{"evil.example", "WWW.Evil.Example.", "a.b.evil.example.co.uk",
                    "bücher.example", "evil[.]example"};
            case EMAIL -> new String[]{"j.doe+x@googlemail.com", "JDoe@Example.com", "someone+tag@outlook.com",
                    "jdoe-shopping@yahoo.com", "jöhn.doe@bücher.example"};
            case USERNAME -> new String[]{"robux_boy", "Robux.Boy", "rοbux_bοy", "ʀᴏʙᴜx_ʙᴏʏ",
                    "xX_Dark.Angel_Xx", "@mallory_1"};
            case PHONE -> new String[]{"+1 202 555 0143", "(202) 555-0143", "+44 20 7946 0018", "tel:+12025550143"};
            case IP -> new String[]{"192.0.2.1", "2001:0db8:0000:0000:0000:0000:0000:0001", "10.0.0.0/8",
                    "::ffff:192.0.2.1", "2001:db8::/32"};
            case KEYWORD -> new String[]{"Secret Garden", "  ＳＥＣＲＥＴ\tgarden club ", "straße"};
            case SHA256 -> new String[]{"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
                    "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="};
            case CRYPTO_ADDRESS -> new String[]{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                    "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"};
            default -> throw new IllegalArgumentException(type);
        };
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        blinder = new Blinder(key);
    }

    private String nextInput() {
        String s = inputs[next];
        next = next + 1 == inputs.length ? 0 : next + 1;
        return s;
    }

    /** Submit path: validate and compute the match key. */
    @Benchmark
    public Normalized normalize() {
        return SignalNormalizer.normalize(signalType, nextInput(), NormalizeOptions.DEFAULT);
    }

    /** Query path: the probe keys (for URL the Safe Browsing expressions plus domain probes). */
    @Benchmark
    public List<Probe> probes() {
        return SignalNormalizer.probes(signalType, nextInput(), NormalizeOptions.DEFAULT);
    }

    /** Member side: normalise and HMAC (blindable types only; others just normalise). */
    @Benchmark
    public String blind() {
        String in = nextInput();
        return signalType.blindable() ? blinder.blind(signalType, in, NormalizeOptions.DEFAULT)
                : SignalNormalizer.normalize(signalType, in, NormalizeOptions.DEFAULT).key();
    }
}
