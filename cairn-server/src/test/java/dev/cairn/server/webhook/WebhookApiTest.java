package dev.cairn.server.webhook;

import dev.cairn.server.auth.Scope;
import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookApiTest extends ApiTestBase {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebhookDispatcher dispatcher;
    @Autowired
    WebhookStore store;

    private final List<Receiver> receivers = new ArrayList<>();
    private final List<Runnable> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() {
        if (!dispatcher.isRunning()) {
            dispatcher.start();
        }
        cleanup.forEach(Runnable::run);
        receivers.forEach(Receiver::close);
    }

    private Receiver receiver(int failFirst) throws Exception {
        Receiver r = new Receiver(failFirst);
        receivers.add(r);
        return r;
    }

    /** Registers an endpoint; returns {id, secret}. */
    private String[] register(Member m, String body) {
        var r = m.api().post("/api/v1/webhooks", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String id = r.field("/id");
        cleanup.add(() -> m.api().delete("/api/v1/webhooks/" + id));
        return new String[]{id, r.field("/secret")};
    }

    private String share(Member m, String type, String value, String category) {
        var r = m.api().post("/api/v1/signals", signalJson(type, value, category, 60));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.field("/id");
    }

    private static void await(String what, Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    private static JsonNode body(Receiver.Request r) {
        return JSON.readTree(r.body());
    }

    /** Signal ids of the events a receiver accepted, restricted to {@code ours} (the feed carries every test's writes). */
    private static List<String> acceptedSignals(Receiver r, Set<String> ours) {
        return r.accepted().stream().map(q -> body(q).at("/event/signal_id").asString()).filter(ours::contains).toList();
    }

    /** Waits until the endpoint has looked at the whole feed and has nothing pending. */
    private void awaitSettled(Member m, String webhookId) throws InterruptedException {
        await("webhook to settle", Duration.ofSeconds(15), () -> {
            long head = jdbc.sql("SELECT last_seq FROM feed_counter WHERE id = 1").query(Long.class).single();
            var w = m.api().get("/api/v1/webhooks/" + webhookId);
            return Long.parseLong(w.field("/cursor")) >= head && w.json().at("/deliveries/pending").asInt() == 0;
        });
    }

    @Test
    void aReceiverThatFailsAtFirstStillGetsEveryEventOnceSignedAndInOrderOfSeq() throws Exception {
        var member = newMember("northwind");
        Receiver receiver = receiver(4);
        String[] hook = register(member, "{\"url\": \"" + receiver.url() + "\"}");
        assertThat(hook[1]).startsWith("whsec_").hasSizeGreaterThan(40);
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ours.add(share(member, "DOMAIN", "retry-" + i + ".example.org", "GROOMING"));
        }
        await("all five events accepted", Duration.ofSeconds(15), () -> new HashSet<>(acceptedSignals(receiver, ours)).equals(ours));
        awaitSettled(member, hook[0]);

        assertThat(receiver.requests.stream().filter(r -> r.answered() == 503)).hasSize(4);
        assertThat(acceptedSignals(receiver, ours)).hasSize(5).doesNotHaveDuplicates();
        long now = Instant.now().getEpochSecond();
        for (Receiver.Request r : receiver.requests) {
            JsonNode b = body(r);
            assertThat(WebhookSignature.verify(hook[1], r.header("Cairn-Signature"),
                    r.body().getBytes(StandardCharsets.UTF_8), now, 300)).as("signature of " + r.body()).isTrue();
            assertThat(WebhookSignature.verify("whsec_someone-elses-secret", r.header("Cairn-Signature"),
                    r.body().getBytes(StandardCharsets.UTF_8), now, 300)).isFalse();
            assertThat(r.header("Cairn-Delivery-Id")).isEqualTo(b.get("delivery_id").asString());
            assertThat(r.header("Cairn-Event-Seq")).isEqualTo(b.at("/event/seq").asString());
            assertThat(b.at("/event/event").asString()).isEqualTo("created");
            assertThat(b.at("/event/signal/value").asString()).endsWith(".example.org");
        }
        // A retried delivery keeps its id, so receivers can de-duplicate on it.
        Set<String> failedIds = new HashSet<>();
        receiver.requests.stream().filter(r -> r.answered() == 503).forEach(r -> failedIds.add(r.header("Cairn-Delivery-Id")));
        Set<String> acceptedIds = new HashSet<>();
        receiver.accepted().forEach(r -> acceptedIds.add(r.header("Cairn-Delivery-Id")));
        assertThat(acceptedIds).containsAll(failedIds);

        var log = member.api().get("/api/v1/webhooks/" + hook[0] + "/deliveries?limit=2");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().get("deliveries")).hasSize(2)
                .allSatisfy(d -> assertThat(d.get("state").asString()).isEqualTo("delivered"));
        String next = log.field("/next_cursor");
        var rest = member.api().get("/api/v1/webhooks/" + hook[0] + "/deliveries?limit=10&cursor=" + next);
        assertThat(rest.json().get("deliveries")).hasSize(3);
        assertThat(rest.field("/next_cursor")).isNull();
        int attempts = 0;
        for (JsonNode d : log.json().get("deliveries")) {
            attempts += d.get("attempts").asInt();
        }
        for (JsonNode d : rest.json().get("deliveries")) {
            attempts += d.get("attempts").asInt();
        }
        assertThat(attempts).isEqualTo(9);
    }

    @Test
    void onlySubscribedTypesCategoriesAndEventsAreDelivered() throws Exception {
        var member = newMember("fabrikam");
        Receiver receiver = receiver(0);
        String[] hook = register(member, """
                {"url": "%s", "types": ["domain"], "categories": ["TRAFFICKING"], "events": ["created"]}"""
                .formatted(receiver.url()));
        String wanted = share(member, "DOMAIN", "wanted.example.net", "TRAFFICKING");
        String otherCategory = share(member, "DOMAIN", "other-category.example.net", "GROOMING");
        String otherType = share(member, "KEYWORD", "other type phrase", "TRAFFICKING");
        member.api().post("/api/v1/signals/" + wanted + "/retract", "{\"reason\": \"test\"}");
        String wanted2 = share(member, "DOMAIN", "wanted-2.example.net", "TRAFFICKING");
        awaitSettled(member, hook[0]);

        Set<String> ours = Set.of(wanted, otherCategory, otherType, wanted2);
        assertThat(acceptedSignals(receiver, ours)).containsExactlyInAnyOrder(wanted, wanted2);
        assertThat(receiver.requests).allSatisfy(r -> {
            assertThat(body(r).at("/event/event").asString()).isEqualTo("created");
            assertThat(body(r).at("/event/type").asString()).isEqualTo("DOMAIN");
        });
        // Rendered at send time, like the feed: the retracted signal's creation arrives as a tombstone or as live,
        // depending on when it was sent, and never with a value after the retraction.
        receiver.requests.stream().map(WebhookApiTest::body)
                .filter(b -> b.at("/event/signal_id").asString().equals(wanted) && b.at("/event/should_delete").asBoolean())
                .forEach(b -> assertThat(b.toString()).doesNotContain("wanted.example.net"));
    }

    @Test
    void failedDeliveriesAreParkedAsDeadAfterTheWindowAndCanBeReplayed() throws Exception {
        var member = newMember("contoso");
        Receiver receiver = receiver(0);
        receiver.breakDown();
        String[] hook = register(member, "{\"url\": \"" + receiver.url() + "\", \"secret\": \"a-secret-of-our-own-choosing\"}");
        assertThat(hook[1]).isEqualTo("a-secret-of-our-own-choosing");
        String first = share(member, "URL", "https://dead-1.example.com/x", "SEXTORTION");
        String second = share(member, "URL", "https://dead-2.example.com/x", "SEXTORTION");
        await("both deliveries dead", Duration.ofSeconds(20), () -> member.api()
                .get("/api/v1/webhooks/" + hook[0] + "/deliveries?state=dead").json().get("deliveries").size() == 2);

        var dead = member.api().get("/api/v1/webhooks/" + hook[0] + "/deliveries?state=dead").json().get("deliveries");
        for (JsonNode d : dead) {
            assertThat(d.get("attempts").asInt()).isGreaterThan(1);
            assertThat(d.get("last_status").asInt()).isEqualTo(503);
            assertThat(d.get("last_error").asString()).contains("503");
        }
        int tried = receiver.requests.size();
        Thread.sleep(300);
        assertThat(receiver.requests).as("dead deliveries are not retried").hasSize(tried);

        receiver.heal();
        String deadId = dead.get(0).get("id").asString();
        var replayed = member.api().post("/api/v1/webhooks/" + hook[0] + "/deliveries/" + deadId + "/replay", "");
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(200);
        assertThat(replayed.field("/state")).isEqualTo("pending");
        await("replayed delivery accepted", Duration.ofSeconds(10), () -> receiver.accepted().size() == 1);
        assertThat(receiver.accepted().getFirst().header("Cairn-Delivery-Id")).isEqualTo(deadId);

        var all = member.api().post("/api/v1/webhooks/" + hook[0] + "/deliveries/replay-dead", "");
        assertThat(all.json().get("replayed").asInt()).isEqualTo(1);
        await("all replays accepted", Duration.ofSeconds(10), () -> receiver.accepted().size() == 2);
        assertThat(acceptedSignals(receiver, Set.of(first, second))).containsExactlyInAnyOrder(first, second);
        awaitSettled(member, hook[0]);
        var pending = member.api().post("/api/v1/webhooks/" + hook[0] + "/deliveries/" + UUID.randomUUID() + "/replay", "");
        assertThat(pending.status()).isEqualTo(404);
    }

    @Test
    void aDeliveryClaimedByADispatcherThatDiedIsSentWhenTheLeaseEnds() throws Exception {
        var member = newMember("northwind");
        Receiver receiver = receiver(0);
        String[] hook = register(member, "{\"url\": \"" + receiver.url() + "\", \"types\": [\"KEYWORD\"]}");
        dispatcher.stop();
        Set<String> ours = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ours.add(share(member, "KEYWORD", "lease phrase " + i, "GROOMING"));
        }
        // Play a dispatcher that queued and claimed the deliveries, then died before sending them.
        while (dispatcher.enqueueNewEvents()) {
            // drain
        }
        Instant now = Instant.now();
        long claimedAt = System.nanoTime();
        UUID deadToken = UUID.randomUUID();
        List<Delivery> claimed = store.claimDue(now, 1000, now.plusSeconds(3), deadToken).stream()
                .filter(d -> d.endpointId().toString().equals(hook[0])).toList();
        assertThat(claimed).hasSize(3);

        dispatcher.start();
        Thread.sleep(500);
        if (System.nanoTime() - claimedAt < 2_500_000_000L) { // on a very slow machine the lease may be over already
            assertThat(receiver.requests).as("claimed deliveries wait for their lease").isEmpty();
        }
        await("abandoned deliveries retried", Duration.ofSeconds(10), () -> new HashSet<>(acceptedSignals(receiver, ours)).equals(ours));
        awaitSettled(member, hook[0]);
        assertThat(acceptedSignals(receiver, ours)).hasSize(3);
        // The dead claimant cannot overwrite what the live one recorded.
        assertThat(store.delivered(claimed.getFirst().id(), deadToken, 200, Instant.now())).isFalse();
        var log = member.api().get("/api/v1/webhooks/" + hook[0] + "/deliveries").json().get("deliveries");
        assertThat(log).hasSize(3).allSatisfy(d -> {
            assertThat(d.get("state").asString()).isEqualTo("delivered");
            assertThat(d.get("attempts").asInt()).isEqualTo(2);
        });
    }

    @Test
    void pausedEndpointsQueueNothingUntilResumedAndThenCatchUp() throws Exception {
        var member = newMember("fabrikam");
        Receiver receiver = receiver(0);
        String[] hook = register(member, "{\"url\": \"" + receiver.url() + "\"}");
        assertThat(member.api().post("/api/v1/webhooks/" + hook[0] + "/pause", "").field("/status")).isEqualTo("paused");
        String id = share(member, "DOMAIN", "paused.example.org", "GROOMING");
        Thread.sleep(400);
        assertThat(acceptedSignals(receiver, Set.of(id))).isEmpty();
        assertThat(member.api().post("/api/v1/webhooks/" + hook[0] + "/resume", "").field("/status")).isEqualTo("active");
        await("caught up after resume", Duration.ofSeconds(10), () -> acceptedSignals(receiver, Set.of(id)).size() == 1);
    }

    @Test
    void registrationIsValidatedAndEndpointsArePrivateToTheirParticipant() {
        var member = newMember("northwind");
        var other = newMember("contoso");
        var bad = member.api().post("/api/v1/webhooks", """
                {"url": "ftp://hooks.example.com/x", "secret": "short", "types": ["FAX"], "categories": ["NOPE"],
                 "events": ["deleted"], "extra": 1}""");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.text()).contains("\"field\":\"url\"", "\"field\":\"secret\"", "\"field\":\"types[0]\"",
                "\"field\":\"categories[0]\"", "\"field\":\"events[0]\"", "\"field\":\"extra\"");
        var credentials = member.api().post("/api/v1/webhooks", "{\"url\": \"https://user:pw@hooks.example.com/x\"}");
        assertThat(credentials.status()).isEqualTo(422);
        assertThat(credentials.text()).contains("credentials");
        assertThat(member.api().post("/api/v1/webhooks", "{}").text()).contains("\"field\":\"url\"");

        var readOnly = keyFor(member, EnumSet.of(Scope.WRITE));
        assertThat(readOnly.post("/api/v1/webhooks", "{\"url\": \"https://hooks.example.com/x\"}").status()).isEqualTo(403);

        String[] hook = register(member, "{\"url\": \"https://hooks.example.com/cairn\", \"events\": [\"retracted\", \"expired\"]}");
        var got = member.api().get("/api/v1/webhooks/" + hook[0]);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.text()).doesNotContain(hook[1]).doesNotContain("secret");
        assertThat(got.json().get("events").toString()).isEqualTo("[\"retracted\",\"expired\"]");
        assertThat(member.api().get("/api/v1/webhooks").json().get("webhooks")).hasSize(1);

        ApiClient stranger = other.api();
        assertThat(stranger.get("/api/v1/webhooks/" + hook[0]).status()).isEqualTo(404);
        assertThat(stranger.delete("/api/v1/webhooks/" + hook[0]).status()).isEqualTo(404);
        assertThat(stranger.get("/api/v1/webhooks").json().get("webhooks")).isEmpty();
        assertThat(member.api().get("/api/v1/webhooks/" + hook[0] + "/deliveries?state=lost&limit=0").text())
                .contains("\"field\":\"state\"", "\"field\":\"limit\"");

        assertThat(member.api().delete("/api/v1/webhooks/" + hook[0]).status()).isEqualTo(204);
        assertThat(member.api().get("/api/v1/webhooks/" + hook[0]).status()).isEqualTo(404);
    }
}
