package dev.cairn.server.feed;

import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class FeedApiTest extends ApiTestBase {

    private String head(ApiClient api) {
        String cursor = "0";
        while (true) {
            var page = api.get("/api/v1/feed?limit=10000&after=" + cursor);
            cursor = page.field("/next_cursor");
            if (page.json().get("caught_up").asBoolean()) {
                return cursor;
            }
        }
    }

    @Test
    void createsAreUpsertsAndRetractionsAreTombstonesWithoutTheValue() {
        var owner = newMember("northwind");
        var reader = newMember("fabrikam");
        String start = head(reader.api());
        String id = owner.api().post("/api/v1/signals", signalJson("EMAIL", "feed.person@example.com", "SEXTORTION", 70)).field("/id");
        owner.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"mistaken identity\"}");

        var page = reader.api().get("/api/v1/feed?after=" + start);
        assertThat(page.status()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        page.json().get("events").forEach(e -> {
            if (e.get("signal_id").asString().equals(id)) {
                mine.add(e);
            }
        });
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).get("event").asString()).isEqualTo("created");
        assertThat(mine.get(1).get("event").asString()).isEqualTo("retracted");
        assertThat(mine.get(1).get("should_delete").asBoolean()).isTrue();
        assertThat(mine.get(1).get("match_key_sha256").asString()).hasSize(64);
        // Both are removals now: the value is gone from every rendering of this signal's history.
        assertThat(page.text()).doesNotContain("feed.person@example.com");
        assertThat(mine.get(0).get("seq").asLong()).isLessThan(mine.get(1).get("seq").asLong());
    }

    @Test
    void filtersByTypeAndCategory() {
        var owner = newMember("northwind");
        String start = head(owner.api());
        owner.api().post("/api/v1/signals", signalJson("DOMAIN", "filter-a.example.org", "TRAFFICKING", 50));
        owner.api().post("/api/v1/signals", signalJson("KEYWORD", "filter phrase", "GROOMING", 50));
        var byType = owner.api().get("/api/v1/feed?types=KEYWORD&after=" + start);
        assertThat(byType.json().get("events")).allSatisfy(e -> assertThat(e.get("type").asString()).isEqualTo("KEYWORD"));
        var byCategory = owner.api().get("/api/v1/feed?categories=TRAFFICKING&after=" + start);
        assertThat(byCategory.json().get("events")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.at("/signal/categories").toString()).contains("TRAFFICKING"));
        var bad = owner.api().get("/api/v1/feed?types=FAX&limit=0&after=-3&categories=NOPE");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("\"field\":\"types\"", "\"field\":\"limit\"", "\"field\":\"after\"", "\"field\":\"categories\"");
    }

    @Test
    void ndjsonStreamsEverythingThenTheCursor() {
        var owner = newMember("contoso");
        String start = head(owner.api());
        for (int i = 0; i < 3; i++) {
            owner.api().post("/api/v1/signals", signalJson("KEYWORD", "stream phrase " + i, "GROOMING", 50));
        }
        var r = owner.api().header("Accept", "application/x-ndjson").get("/api/v1/feed?after=" + start);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-ndjson");
        String[] lines = r.text().strip().split("\n");
        assertThat(lines.length).isGreaterThanOrEqualTo(4);
        assertThat(lines[lines.length - 1]).startsWith("{\"next_cursor\":");
    }

    @Test
    void longPollReturnsAsSoonAsAChangeCommits() throws Exception {
        var owner = newMember("northwind");
        var reader = newMember("fabrikam");
        String start = head(reader.api());
        CompletableFuture<ApiClient.Response> poll = CompletableFuture.supplyAsync(
                () -> reader.api().get("/api/v1/feed?wait=20&after=" + start));
        Thread.sleep(300);
        assertThat(poll).isNotDone();
        owner.api().post("/api/v1/signals", signalJson("DOMAIN", "longpoll.example.org", "GROOMING", 50));
        ApiClient.Response r = poll.get(10, TimeUnit.SECONDS);
        assertThat(r.json().get("events")).isNotEmpty();
    }

    /**
     * Many writers commit concurrently (and out of the order in which their transactions began) while a reader
     * follows the feed with small pages: every event must arrive exactly once, in strictly increasing order.
     */
    @Test
    void aFollowerSeesEveryEventExactlyOnceInOrderDespiteConcurrentWriters() throws Exception {
        var reader = newMember("fabrikam");
        String start = head(reader.api());
        int writers = 6;
        int rounds = 15;
        Set<String> expected = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        var follower = pool.submit(() -> {
            String cursor = start;
            boolean lastPass = false;
            while (true) {
                var page = reader.api().get("/api/v1/feed?limit=7&after=" + cursor);
                for (JsonNode e : page.json().get("events")) {
                    seqs.add(e.get("seq").asLong());
                    seen.add(e.get("signal_id").asString() + ":" + e.get("event").asString());
                }
                cursor = page.field("/next_cursor");
                if (page.json().get("caught_up").asBoolean()) {
                    if (lastPass) {
                        return null;
                    }
                    if (!writing.get()) {
                        lastPass = true;
                    }
                }
            }
        });
        List<java.util.concurrent.Future<?>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            var member = newMember("writer");
            tasks.add(pool.submit(() -> {
                for (int r = 0; r < rounds; r++) {
                    String batch = "[" + signalJson("KEYWORD", "concurrent " + member.slug() + " " + r + " a", "GROOMING", 10) + ","
                            + signalJson("KEYWORD", "concurrent " + member.slug() + " " + r + " b", "GROOMING", 10) + "]";
                    var created = member.api().post("/api/v1/signals/batch", batch);
                    assertThat(created.status()).isEqualTo(201);
                    for (JsonNode s : created.json().get("signals")) {
                        expected.add(s.get("id").asString() + ":created");
                    }
                    if (r % 3 == 0) {
                        String id = created.json().at("/signals/0/id").asString();
                        member.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"test\"}");
                        expected.add(id + ":retracted");
                    }
                }
                return null;
            }));
        }
        for (var t : tasks) {
            t.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        follower.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        List<Long> inOrder = new ArrayList<>(seqs);
        assertThat(inOrder).isSorted();
        assertThat(new HashSet<>(inOrder)).hasSameSizeAs(inOrder);
        Set<String> ours = new HashSet<>(seen);
        ours.retainAll(expected);
        assertThat(ours).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen.stream().filter(expected::contains).count()).isEqualTo(expected.size());
    }

}
