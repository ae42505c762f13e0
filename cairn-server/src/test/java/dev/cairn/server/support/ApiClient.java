package dev.cairn.server.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small real-HTTP client for API tests: every test goes through the same filters a member's client does. */
public final class ApiClient {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String key;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiClient(int port, String key) {
        this("http://127.0.0.1:" + port, key, Map.of());
    }

    private ApiClient(String base, String key, Map<String, String> headers) {
        this.base = base;
        this.key = key;
        this.headers.putAll(headers);
    }

    /** A copy of this client that sends one more header on every request. */
    public ApiClient header(String name, String value) {
        ApiClient c = new ApiClient(base, key, headers);
        c.headers.put(name, value);
        return c;
    }

    public record Response(int status, String contentType, JsonNode json, String text, HttpHeaders headers) {
        public String field(String path) {
            JsonNode n = json.at(path);
            return n.isMissingNode() || n.isNull() ? null : n.asString();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
    }

    public Response post(String path, String body) {
        return post(path, body, "application/json");
    }

    public Response post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)), contentType);
    }

    public Response postBytes(String path, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), contentType);
    }

    public Response patch(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), "application/json");
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), null);
    }

    private Response send(HttpRequest.Builder builder, String contentType) {
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> r = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (!r.body().isEmpty() && ct.contains("json") && !ct.contains("ndjson")) {
                node = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), ct, node, r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
