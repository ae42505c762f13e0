package dev.cairn.cli;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** Reads the server's change feed ({@code GET /api/v1/feed}) over {@link HttpClient}. */
final class FeedClient {
    /** The server refused the request (bad key, missing scope, ...): retrying will not help. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    private final URI base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    FeedClient(String server, String key) {
        this.base = URI.create(server.endsWith("/") ? server : server + "/");
        this.key = key;
    }

    /**
     * Streams every event after {@code after} to {@code onEvent}, in order. Returns the cursor of the final line, or
     * null if the stream ended without one (connection lost: the events delivered so far are still valid).
     */
    Long stream(long after, Consumer<FeedChange> onEvent) throws IOException, InterruptedException {
        HttpRequest request = request("api/v1/feed?after=" + after).header("Accept", "application/x-ndjson").build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            check(response.statusCode(), body);
            ByteLines lines = new ByteLines(body);
            byte[] line;
            try {
                while ((line = lines.next()) != null) {
                    FeedChange.Line parsed = FeedChange.parse(line);
                    if (parsed.change() != null) {
                        onEvent.accept(parsed.change());
                    } else if (parsed.nextCursor() != null) {
                        return Long.parseLong(parsed.nextCursor());
                    }
                }
            } catch (IOException e) {
                return null; // cut off mid-stream: what arrived before is complete and in order
            }
            return null;
        }
    }

    /** One JSON page, long-polling up to {@code waitSeconds} when there is nothing new. */
    JsonNode page(long after, int limit, int waitSeconds) throws IOException, InterruptedException {
        HttpRequest request = request("api/v1/feed?after=" + after + "&limit=" + limit + "&wait=" + waitSeconds)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(waitSeconds + 30L))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            check(response.statusCode(), body);
            return Json.MAPPER.readTree(body);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key);
    }

    private static void check(int status, InputStream body) throws IOException {
        if (status == 200) {
            return;
        }
        String detail = "";
        try {
            JsonNode problem = Json.MAPPER.readTree(body.readNBytes(64 * 1024));
            detail = problem.has("detail") ? ": " + problem.get("detail").asString() : "";
        } catch (RuntimeException e) {
            // not a problem document; the status says enough
        }
        String message = "the server answered HTTP " + status + detail;
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new Refused(message);
        }
        throw new IOException(message);
    }
}
