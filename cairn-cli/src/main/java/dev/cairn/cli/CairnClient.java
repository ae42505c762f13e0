package dev.cairn.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Minimal JSON-over-HTTP client for the Cairn API, shared by the CLI commands. */
final class CairnClient {
    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String server;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    CairnClient(String server, String key) {
        this.server = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        this.key = key;
    }

    /** A failed call, with the server's problem detail when it sent one. */
    static final class CallFailed extends IOException {
        CallFailed(String message) {
            super(message);
        }
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server + path)).GET());
    }

    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpRequest request = builder.header("Authorization", "Bearer " + key).timeout(Duration.ofMinutes(2)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            String detail = "";
            try {
                JsonNode problem = JSON.readTree(response.body());
                detail = problem.path("detail").asString("");
                if (problem.has("errors")) {
                    detail += " " + problem.get("errors");
                }
            } catch (RuntimeException ignored) {
                // not a problem document
            }
            throw new CallFailed(request.method() + " " + request.uri().getPath() + " -> HTTP " + response.statusCode()
                    + (detail.isBlank() ? "" : ": " + detail.strip()));
        }
        return JSON.readTree(response.body());
    }
}
