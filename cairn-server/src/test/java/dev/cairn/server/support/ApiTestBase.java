package dev.cairn.server.support;

import dev.cairn.server.auth.ApiKeyService;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.participant.ParticipantService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of the API integration suite: a real server on a random port over H2 or PostgreSQL (see {@link TestDatabase}).
 * One Spring context is shared by all tests, so each test makes its own participants with unique slugs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cairn.operator-key=" + ApiTestBase.OPERATOR_KEY,
        "cairn.expiry-interval=PT1H",
        "cairn.max-body-bytes=2000000",
        "cairn.rate-limit.auth-failures-per-minute=100000",
        "cairn.data-dir=target/test-data",
        // Fast webhook retries so that the retry, dead-letter and lease tests take seconds, not hours.
        "cairn.webhooks.poll-interval=PT0.1S",
        "cairn.webhooks.retry-base=PT0.05S",
        "cairn.webhooks.retry-max-delay=PT0.2S",
        "cairn.webhooks.retry-window=PT3S",
        "cairn.webhooks.request-timeout=PT5S",
        "cairn.webhooks.lease=PT10S"})
public abstract class ApiTestBase {
    public static final String OPERATOR_KEY = "cairn_testoperator_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    protected int port;
    @Autowired
    protected ParticipantService participants;
    @Autowired
    protected ApiKeyService keys;
    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.configure(registry);
    }

    /** A member platform with an admin key, for one test. */
    public record Member(UUID id, String slug, String key, ApiClient api) {
    }

    protected Member newMember(String name) {
        String slug = name + "-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
        var created = participants.create(slug, name + " (test)", "tns@" + name + ".example", false);
        String key = created.adminKey().secret();
        return new Member(created.participant().id(), slug, key, new ApiClient(port, key));
    }

    protected ApiClient keyFor(Member m, Set<Scope> scopes) {
        return new ApiClient(port, keys.issue(m.id(), "test key", EnumSet.copyOf(scopes)).secret());
    }

    protected ApiClient operator() {
        return new ApiClient(port, OPERATOR_KEY);
    }

    protected ApiClient anonymous() {
        return new ApiClient(port, null);
    }

    protected int count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    protected int ownedSignals(Member m) {
        return jdbc.sql("SELECT COUNT(*) FROM signal WHERE owner_id = ?").param(m.id()).query(Integer.class).single();
    }

    protected static String signalJson(String type, String value, String category, int confidence) {
        return """
                {"type": "%s", "value": "%s", "categories": ["%s"], "confidence": %d}""".formatted(type, value, category, confidence);
    }
}
