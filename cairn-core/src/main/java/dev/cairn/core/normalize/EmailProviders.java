package dev.cairn.core.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The provider aliasing table ({@code email-providers.tsv}), loaded once. Rules are data so they can be reviewed. */
final class EmailProviders {
    static final String RESOURCE = "email-providers.tsv";

    /**
     * @param canonicalDomain domain used in the key
     * @param dropDots        whether '.' in the local part is ignored
     * @param tagSeparators   characters starting an ignored sub-address tag (empty for none)
     */
    record Rule(String canonicalDomain, boolean dropDots, String tagSeparators) {
    }

    private static final Map<String, Rule> RULES = load();

    private EmailProviders() {
    }

    static Rule forDomain(String asciiDomain) {
        return RULES.get(asciiDomain);
    }

    private static Map<String, Rule> load() {
        Map<String, Rule> map = new HashMap<>();
        try (InputStream in = EmailProviders.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4 || !(f[2].equals("drop") || f[2].equals("keep"))) {
                    throw new IllegalStateException(RESOURCE + " line " + no + ": expected domain, canonical, drop|keep, tag");
                }
                String tags = f[3].equals("none") ? "" : f[3];
                if (map.put(f[0], new Rule(f[1], f[2].equals("drop"), tags)) != null) {
                    throw new IllegalStateException(RESOURCE + " line " + no + ": duplicate domain");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
