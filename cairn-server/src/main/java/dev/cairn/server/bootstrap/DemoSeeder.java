package dev.cairn.server.bootstrap;

import dev.cairn.core.normalize.Base58Check;
import dev.cairn.server.CairnProperties;
import dev.cairn.server.auth.ApiKeyService;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.participant.Participant;
import dev.cairn.server.participant.ParticipantService;
import dev.cairn.server.sharing.SharingGroups;
import dev.cairn.server.signal.SignalService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code --demo}: three fictional member platforms, a fresh admin key for each at every start (printed once, and
 * written to {@code data/demo-keys.env} for scripts), and a few hundred synthetic signals of every type on first start.
 * All names are reserved example names; phone numbers are fictional 555 numbers.
 */
@Component
@Order(2)
public class DemoSeeder implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String KEY_NAME = "demo start-up key";
    static final String DEMO_GROUP = "Social and games working group";
    static final List<String[]> PARTICIPANTS = List.of(
            new String[]{"northwind", "Northwind Social", "trust-safety@northwind.example"},
            new String[]{"fabrikam", "Fabrikam Games", "safety@fabrikam.example"},
            new String[]{"contoso", "Contoso Video", "tns@contoso.example"});
    private static final String[] CATEGORIES = {"CSAM_KNOWN", "CSAM_DISTRIBUTION", "SEXTORTION", "GROOMING",
            "TRAFFICKING", "ADULT_SEEKING_ACCESS", "AI_GENERATED_CSAM", "SELF_GENERATED_COERCED"};
    /** PDQ hashes of two photographs from the public PDQ test set, so `cairn scan` of those images finds a lead. */
    private static final String[] KNOWN_PDQ = {
            "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22",
            "30a10efdf1c83f429013d48d0ffffc52e34e0e35ada952a9d29605215aa9e5af"};

    private final CairnProperties properties;
    private final ParticipantService participants;
    private final ApiKeyService keys;
    private final SignalService signals;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Path dataDir;
    private final DemoUsers demoUsers;
    private final SharingGroups groups;
    private final int port;

    public DemoSeeder(CairnProperties properties, ParticipantService participants, ApiKeyService keys,
                      SignalService signals, JdbcClient jdbc, ObjectMapper json,
                      @Value("${cairn.data-dir:./data}") String dataDir, DemoUsers demoUsers, SharingGroups groups,
                      @Value("${server.port:8080}") int port) {
        this.groups = groups;
        this.properties = properties;
        this.participants = participants;
        this.keys = keys;
        this.signals = signals;
        this.jdbc = jdbc;
        this.json = json;
        this.dataDir = Path.of(dataDir);
        this.demoUsers = demoUsers;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.demo()) {
            return;
        }
        List<String> banner = new ArrayList<>();
        StringBuilder env = new StringBuilder("# Demo API keys issued at the last start of Cairn with --demo\n");
        List<Participant> demo = new ArrayList<>();
        for (String[] p : PARTICIPANTS) {
            Participant participant = participants.findBySlug(p[0])
                    .orElseGet(() -> participants.create(p[0], p[1], p[2], false).participant());
            keys.revokeNamed(participant.id(), KEY_NAME);
            var issued = keys.issue(participant.id(), KEY_NAME, EnumSet.of(Scope.ADMIN));
            banner.add(String.format("%-10s %-18s %s", p[0], p[1], issued.secret()));
            env.append("CAIRN_KEY_").append(p[0].toUpperCase(java.util.Locale.ROOT)).append('=').append(issued.secret()).append('\n');
            demo.add(participant);
        }
        DemoUsers.Issued console = demoUsers.provision(demo);
        env.append("CAIRN_DEMO_PASSWORD=").append(console.password()).append('\n');
        env.append("CAIRN_DEMO_TOTP_SECRET=").append(console.totpSecret()).append('\n');
        Files.createDirectories(dataDir);
        Path envFile = dataDir.resolve("demo-keys.env");
        Files.writeString(envFile, env);
        try {
            Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the file keeps the directory's default permissions
        }
        int existing = jdbc.sql("SELECT COUNT(*) FROM signal").query(Integer.class).single();
        if (existing == 0) {
            seed(demo);
        }
        banner.addAll(DemoUsers.banner(console, port));
        banner.add("");
        banner.add("Also written to " + envFile.toAbsolutePath() + " (source it: . " + envFile + ")");
        Banner.print("Demo participants, their admin API keys and console users (new at every start; shown once)", banner);
    }

    private void seed(List<Participant> demo) {
        Random random = new Random(20261125);
        // the first two members share some leads only with each other, so the demo shows all three visibilities
        String group = groups.list(null, true).stream().filter(g -> g.name().equals(DEMO_GROUP)).findFirst()
                .orElseGet(() -> groups.create(DEMO_GROUP, "Demo: leads shared only between Northwind and Fabrikam",
                        List.of(demo.get(0).id(), demo.get(1).id())))
                .id().toString();
        for (int p = 0; p < demo.size(); p++) {
            Participant participant = demo.get(p);
            Caller caller = new Caller(participant.id(), participant.slug(), false, null, EnumSet.allOf(Scope.class), null);
            List<JsonNode> items = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                int n = p * 100 + i;
                items.add(item("EMAIL", "demo.user" + n + "@example.com", random));
                items.add(item("EMAIL", "offer" + n + "+promo@example.org", random));
                Map<String, Object> username = base("USERNAME", "demo_trader_" + n, random);
                if (i % 3 != 0) {
                    username.put("platform", i % 3 == 1 ? "example-chat" : "example-games");
                }
                items.add(json.valueToTree(username));
                items.add(item("PHONE", String.format("+1 202-555-%04d", 100 + n % 100), random));
                items.add(item("URL", "https://files" + n + ".example.net/gallery/" + n + "/index.html", random));
                items.add(item("DOMAIN", "share" + n + ".example.org", random));
                items.add(item("IP", "192.0.2." + (n % 250 + 1), random));
                items.add(item("IP", "2001:db8::" + Integer.toHexString(0x100 + n), random));
                Map<String, Object> keyword = base("KEYWORD", "demo keyword " + n, random);
                if (p < 2 && i == 1) {
                    keyword.put("visibility", "GROUP");
                    keyword.put("sharing_group", group);
                } else if (i == 2) {
                    keyword.put("visibility", "PRIVATE");
                }
                items.add(json.valueToTree(keyword));
                items.add(item("MD5", hex(random, 16), random));
                items.add(item("SHA1", hex(random, 20), random));
                items.add(item("SHA256", hex(random, 32), random));
                Map<String, Object> pdq = base("PDQ", i == 0 && p < KNOWN_PDQ.length ? KNOWN_PDQ[p] : hex(random, 32), random);
                pdq.put("quality", 80 + random.nextInt(21));
                pdq.put("categories", List.of("CSAM_KNOWN"));
                items.add(json.valueToTree(pdq));
                items.add(item("CRYPTO_ADDRESS", i % 2 == 0 ? bitcoinP2pkh(random) : "0x" + hex(random, 20), random));
            }
            items.add(item("IP", "203.0.113." + (p * 16) + "/28", random));
            signals.submit(caller, items, "[%d]", "US");
        }
        log.info("Seeded demo signals for {} participants", demo.size());
    }

    private JsonNode item(String type, String value, Random random) {
        return json.valueToTree(base(type, value, random));
    }

    private static Map<String, Object> base(String type, String value, Random random) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("value", value);
        m.put("categories", List.of(CATEGORIES[random.nextInt(CATEGORIES.length)]));
        m.put("confidence", 40 + random.nextInt(61));
        m.put("description", "Synthetic demo signal");
        m.put("tags", List.of("demo"));
        return m;
    }

    private static String hex(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A valid Bitcoin P2PKH address over a random (owner-less) 20-byte hash. */
    static String bitcoinP2pkh(Random random) {
        byte[] payload = new byte[21]; // version 0x00, then the hash160
        byte[] hash160 = new byte[20];
        random.nextBytes(hash160);
        System.arraycopy(hash160, 0, payload, 1, 20);
        return Base58Check.encode(payload);
    }
}
